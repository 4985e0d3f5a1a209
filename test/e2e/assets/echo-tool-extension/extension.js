// A tool another extension registers with VS Code (vscode.lm.registerTool): Gateway Chat offers it to
// its model when the user turns on gatewayChat.tools.fromExtensions.
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(vscode.lm.registerTool('fixture_echo', {
    invoke: async (options) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(`Echo from another extension: ${options.input.text}`)]),
  }));
};
