// Child process for the kill-during-save row: saves ever newer versions of one conversation until it
// is killed. Bundled to plain JS by the test so it starts in milliseconds.
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { conversationAt } from './historyVersions';

const [root, first] = process.argv.slice(2);
const store = new HistoryStore(root);

void (async () => {
  for (let v = Number(first); ; v++) {
    await store.save(conversationAt(v));
    // The parent starts its random kill countdown once a first save is through.
    if (v === Number(first)) process.stdout.write('saving\n');
  }
})();
