// addons-linter ships no types: the part of its library API the manifest test uses.
declare module 'addons-linter' {
  interface Message {
    code: string;
    message: string;
    file?: string;
  }
  interface Linter {
    run(): Promise<{ errors: Message[]; warnings: Message[]; notices: Message[] }>;
  }
  const addonsLinter: {
    createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): Linter;
  };
  export default addonsLinter;
}
