/**
 * The smallest protobuf writer that can encode an ONNX model: varints, length-delimited fields
 * (strings, bytes, nested messages) and packed int64s. Only writing is needed, and only the wire
 * types ONNX's ModelProto uses, so a dependency on a protobuf library would buy nothing.
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** A message under construction: fields are appended in call order, as protobuf allows. */
export class ProtoWriter {
  private readonly bytes: number[] = [];

  /** Unsigned varint of a non-negative safe integer or bigint (int64 fields carry both). */
  private varint(value: number | bigint): void {
    let rest = BigInt(value);
    if (rest < 0n) rest = BigInt.asUintN(64, rest);
    while (rest >= 0x80n) {
      this.bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.bytes.push(Number(rest));
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  /** An int32, int64 or enum field. */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.raw(field, new TextEncoder().encode(value));
  }

  /** A bytes field, or a nested message already encoded. */
  raw(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.length);
    for (const byte of value) this.bytes.push(byte);
    return this;
  }

  message(field: number, nested: ProtoWriter): this {
    return this.raw(field, nested.finish());
  }

  /** A packed repeated int64 field (proto3's default encoding for repeated scalars). */
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const packed = new ProtoWriter();
    for (const value of values) packed.varint(value);
    return this.raw(field, packed.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
