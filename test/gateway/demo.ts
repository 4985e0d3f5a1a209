// `npm run gateway:demo`: the test gateway on a fixed port until Ctrl+C.
import { DEMO_SCENARIOS, startGateway } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const gw = await startGateway({ port });
  console.log(`Gateway Chat test gateway listening at ${gw.url}`);
  console.log('It is scripted, not a model: answers come from fixed scenarios, and any API key is accepted.');
  console.log(`Models: echo, ${Object.keys(DEMO_SCENARIOS).join(', ')}`);
  const stop = (): void => {
    gw.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
