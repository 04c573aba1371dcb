// Reads the Yjs update out of one Hocuspocus message, as the server receives it:
//   varString document name, varUint message type (0 Sync, 4 SyncReply),
//   varUint sync step (1 SyncStep2, 2 Update), varUint8Array the update.
// lib0's encoding (7 bits per byte, the high bit says "more"), read here in a few lines rather
// than importing a library the project does not list.
const SYNC = 0;
const SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const UPDATE = 2;

function reader(bytes) {
  let pos = 0;
  const varUint = () => {
    let value = 0;
    for (let shift = 0; shift < 53; shift += 7) {
      if (pos >= bytes.length) throw new RangeError('message ends early');
      const byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new RangeError('number too long');
  };
  const bytesOf = () => {
    const length = varUint();
    if (pos + length > bytes.length) throw new RangeError('message ends early');
    const out = bytes.subarray(pos, pos + length);
    pos += length;
    return out;
  };
  return { varUint, bytesOf };
}

/** The update a Sync or SyncReply message carries (step 2 or update), else null. */
export function readSyncUpdate(message) {
  const read = reader(message);
  read.bytesOf(); // the document name
  const type = read.varUint();
  if (type !== SYNC && type !== SYNC_REPLY) return null;
  const step = read.varUint();
  if (step !== SYNC_STEP_2 && step !== UPDATE) return null;
  return read.bytesOf();
}
