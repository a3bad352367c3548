// A stand-in for livekit-client's Room, for the unit tests of src/video/livekit.ts (bundled in
// place of the package by importTs's alias). Everything else the module imports (events,
// track sources, disconnect reasons) is the real package's, re-exported. It keeps the rule of
// LiveKit's that these tests are about: an identity is in a room once, and a connection with
// an identity already there pushes the earlier one out (DisconnectReason.DUPLICATE_IDENTITY).
// A test grant's token is JSON {room, identity} (no server here verifies a JWT). What the
// sessions did is kept in globalThis.__livekit, which the test reads.
//
// The real package comes from the test as globalThis.__livekitClient (set before it bundles
// the module under test), not from an import: the test runner runs every file under test/ on
// its own too, and here that finds nothing to export and nothing to fail.
const real = globalThis.__livekitClient ?? {};
export const { DisconnectReason, ParticipantKind, RemoteParticipant, RoomEvent, Track } = real;

/* read at each use: a test starts each case with a fresh record */
const world = () => (globalThis.__livekit ??= { connections: [], present: new Map() });

export class Room {
  constructor(options) {
    this.options = options;
    this.state = 'new';
    this.remoteParticipants = new Map();
    this.handlers = new Map();
    const published = (this.published = []);
    this.localParticipant = {
      publishTrack: async (track, { source }) => {
        if (this.state !== 'connected') throw new Error('publishTrack on a room that is not connected');
        published.push({ track, source });
      },
      unpublishTrack: async (track, stopOnUnpublish = true) => {
        const i = published.findIndex((p) => p.track === track);
        if (i >= 0) published.splice(i, 1);
        if (stopOnUnpublish) track.stop();
      },
    };
  }

  on(ev, fn) {
    if (!this.handlers.has(ev)) this.handlers.set(ev, []);
    this.handlers.get(ev).push(fn);
    return this;
  }
  once(ev, fn) {
    const one = (...args) => { this.off(ev, one); fn(...args); };
    return this.on(ev, one);
  }
  off(ev, fn) {
    const list = this.handlers.get(ev) ?? [];
    if (list.includes(fn)) list.splice(list.indexOf(fn), 1);
    return this;
  }
  emit(ev, ...args) {
    for (const fn of [...(this.handlers.get(ev) ?? [])]) fn(...args);
  }

  async connect(url, token, options) {
    const { room, identity } = JSON.parse(token);
    Object.assign(this, { url, room, identity, connectOptions: options });
    this.key = `${url} ${room} ${identity}`;
    world().connections.push(this);
    await Promise.resolve(); /* the join's round trip */
    world().present.get(this.key)?.drop(DisconnectReason.DUPLICATE_IDENTITY);
    world().present.set(this.key, this);
    this.state = 'connected';
  }

  async disconnect() {
    this.drop(DisconnectReason.CLIENT_INITIATED);
  }

  /** The connection ends (the server's reason, or the client's). */
  drop(reason) {
    if (this.state !== 'connected') return;
    this.state = 'disconnected';
    this.reason = reason;
    if (world().present.get(this.key) === this) world().present.delete(this.key);
    this.emit(RoomEvent.Disconnected, reason);
  }
}
