// nodemailer ships no types and @types/nodemailer is not installed: the little used here.
declare module 'nodemailer' {
  type Address = string | { name?: string; address: string }
  export type Transporter = {
    sendMail: (
      message: Record<string, unknown> & { from?: Address },
    ) => Promise<{ messageId: string; accepted: unknown[]; rejected: unknown[] }>
  }
  const nodemailer: {
    createTransport: (options: {
      host: string
      port: number
      secure?: boolean
      auth?: { user: string; pass: string }
      connectionTimeout?: number
      greetingTimeout?: number
      socketTimeout?: number
    }) => Transporter
  }
  export default nodemailer
}
