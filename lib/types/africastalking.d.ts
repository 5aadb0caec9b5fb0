// The SDK ships no types; this declares only what the adapter uses.
declare module 'africastalking' {
  interface AfricasTalkingOptions {
    username: string;
    apiKey: string;
    format?: 'json' | 'xml';
  }
  interface SmsService {
    send(params: { to: string | string[]; message: string; from?: string; enqueue?: boolean }): Promise<unknown>;
  }
  function africastalking(options: AfricasTalkingOptions): { SMS: SmsService };
  export default africastalking;
}
