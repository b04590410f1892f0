/** An experiment that cannot run as asked (missing lexicons for PSQ, unknown setting). */
export class ExperimentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentError';
  }
}
