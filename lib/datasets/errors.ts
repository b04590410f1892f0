/** A data set file that does not have the shape its format promises; the message names the file. */
export class DatasetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetFormatError';
  }
}
