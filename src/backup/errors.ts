/** A backup or restore refused or failed for a reason a person can act on; the message is the whole story. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}
