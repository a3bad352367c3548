// A local stand-in for LiveKit's server API (Twirp over HTTP/JSON) that judges
// every request it receives, for livekit.test.mjs.
//
// The judges are LiveKit's own packages: each call's Authorization must be
// "Bearer <jwt>" that livekit-server-sdk's TokenVerifier accepts (signature,
// issuer = our API key, exp), carrying exactly the grant that call needs and
// no identity; each body must decode strictly (unknown fields refused) into
// the request message of @livekit/protocol, and carry the fields the call
// cannot do without. Answers are those messages written as Twirp writes them
// (snake_case, zero values included); errors are Twirp error bodies with
// LiveKit's codes. A refused request is answered as LiveKit would
// (unauthenticated / permission_denied / malformed / invalid_argument) and
// also recorded in `rejected`, so a test can assert that nothing was refused.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { TokenVerifier } from 'livekit-server-sdk';
import {
  CreateIngressRequest,
  CreateRoomRequest,
  DeleteIngressRequest,
  DeleteRoomRequest,
  DeleteRoomResponse,
  EgressInfo,
  EgressStatus,
  EncodedFileType,
  FileInfo,
  IngressInfo,
  IngressInput,
  ListEgressRequest,
  ListEgressResponse,
  ListRoomsRequest,
  ListRoomsResponse,
  ParticipantInfo,
  ParticipantPermission,
  RemoveParticipantResponse,
  Room,
  RoomCompositeEgressRequest,
  RoomParticipantIdentity,
  StopEgressRequest,
  UpdateParticipantRequest,
} from '@livekit/protocol';

const TWIRP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503,
};

class TwirpError extends Error {
  constructor(code, msg) {
    super(msg);
    this.code = code;
  }
}

const twirpJson = (msg) => msg.toJson({ useProtoFieldName: true, emitDefaultValues: true });

export class FakeLiveKit {
  constructor({ apiKey, apiSecret }) {
    this.apiKey = apiKey;
    this.verifier = new TokenVerifier(apiKey, apiSecret);
    this.calls = []; // {method, claims, body (decoded message as plain JSON)}
    this.rejected = []; // {method, reason}
    this.rooms = new Map(); // name -> {room: Room, participants: Map(identity -> ParticipantInfo)}
    this.egresses = new Map(); // egress_id -> EgressInfo
    this.ingresses = new Map(); // ingress_id -> IngressInfo
    this.failNext = null; // {status, code?, body?}: the next call's answer, whatever it is
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.address().port;
    return this;
  }

  stop() {
    this.server.closeAllConnections?.();
    return new Promise((resolve) => this.server.close(resolve));
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}`;
  }

  join(roomName, identity, canPublish = false) {
    const r = this.rooms.get(roomName);
    if (!r) throw new Error(`no room ${roomName}`);
    r.participants.set(
      identity,
      new ParticipantInfo({
        sid: 'PA_' + randomBytes(6).toString('hex'),
        identity,
        permission: new ParticipantPermission({ canSubscribe: true, canPublish }),
      }),
    );
    r.room.numParticipants = r.participants.size;
  }

  reset() {
    this.calls.length = 0;
    this.rejected.length = 0;
    this.failNext = null;
  }

  async handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const m = /^\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(req.url);
    const method = m ? `${m[1]}.${m[2]}` : req.url;
    const send = (status, obj) => {
      const text = typeof obj === 'string' ? obj : JSON.stringify(obj);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(text);
    };
    const fail = (code, msg) => {
      this.rejected.push({ method, code, reason: msg });
      send(TWIRP_STATUS[code], { code, msg });
    };
    try {
      if (req.method !== 'POST' || !m) return fail('bad_route', `no route ${req.method} ${req.url}`);
      if (!/^application\/json\b/.test(req.headers['content-type'] || ''))
        return fail('malformed', 'content type is not application/json');
      const auth = req.headers.authorization || '';
      if (!auth.startsWith('Bearer ')) return fail('unauthenticated', 'no bearer token');
      let claims;
      try {
        claims = await this.verifier.verify(auth.slice(7));
      } catch (e) {
        return fail('unauthenticated', `token refused: ${e.message}`);
      }
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return fail('malformed', 'body is not JSON');
      }
      const handler = ROUTES[method];
      if (!handler) return fail('bad_route', `unknown method ${method}`);
      let msg;
      try {
        msg = handler.request.fromJson(body); // strict: unknown fields throw
      } catch (e) {
        return fail('malformed', e.message);
      }
      const want = handler.grant(msg);
      const problem = checkServiceClaims(claims, want, this.apiKey);
      if (problem) return fail('permission_denied', problem);
      this.calls.push({ method, claims, body, msg });
      if (this.failNext) {
        const f = this.failNext;
        this.failNext = null;
        return send(f.status, f.body ?? { code: f.code, msg: 'injected' });
      }
      const answer = handler.run(this, msg);
      send(200, twirpJson(answer));
    } catch (e) {
      if (e instanceof TwirpError) return fail(e.code, e.message);
      this.rejected.push({ method, code: 'internal', reason: e.stack });
      send(500, { code: 'internal', msg: e.message });
    }
  }
}

// A service token: our key, no participant identity, 10 minutes at most, and exactly the
// grant `want` in `video` (nothing else granted). Returns what is wrong, or null.
function checkServiceClaims(claims, want, apiKey) {
  if (claims.iss !== apiKey) return `iss ${claims.iss}`;
  if (claims.sub !== undefined) return `a service token has no identity, got sub ${claims.sub}`;
  if (typeof claims.nbf !== 'number' || typeof claims.exp !== 'number') return 'nbf/exp missing';
  if (claims.exp - claims.nbf > 600) return `ttl ${claims.exp - claims.nbf} s is not short`;
  const got = JSON.stringify(sortKeys(claims.video || {}));
  if (got !== JSON.stringify(sortKeys(want))) return `grant ${got}, want ${JSON.stringify(want)}`;
  const extra = Object.keys(claims).filter((k) => !['iss', 'nbf', 'exp', 'video'].includes(k));
  if (extra.length) return `unexpected claims ${extra}`;
  return null;
}

const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

function need(cond, msg) {
  if (!cond) throw new TwirpError('invalid_argument', msg);
}

function roomOf(fake, name) {
  const r = fake.rooms.get(name);
  if (!r) throw new TwirpError('not_found', `room ${name} does not exist`);
  return r;
}

function participantOf(fake, roomName, identity) {
  const p = roomOf(fake, roomName).participants.get(identity);
  if (!p) throw new TwirpError('not_found', `participant ${identity} is not in ${roomName}`);
  return p;
}

// An egress or ingress the fake knows, or Twirp's not_found.
function knownOf(map, id, what) {
  const info = map.get(id);
  if (!info) throw new TwirpError('not_found', `${what} not found`);
  return info;
}

const roomAdmin = (msg) => ({ roomAdmin: true, room: msg.room });

const ROUTES = {
  'RoomService.CreateRoom': {
    request: CreateRoomRequest,
    grant: () => ({ roomCreate: true }),
    run(fake, msg) {
      need(msg.name, 'room name required');
      let r = fake.rooms.get(msg.name);
      if (!r) {
        // LiveKit answers CreateRoom of an existing room with that room, unchanged.
        r = {
          room: new Room({
            sid: 'RM_' + randomBytes(6).toString('hex'),
            name: msg.name,
            emptyTimeout: msg.emptyTimeout,
            maxParticipants: msg.maxParticipants,
            metadata: msg.metadata,
            creationTime: BigInt(Math.floor(Date.now() / 1000)),
          }),
          participants: new Map(),
        };
        fake.rooms.set(msg.name, r);
      }
      return r.room;
    },
  },
  'RoomService.DeleteRoom': {
    request: DeleteRoomRequest,
    grant: () => ({ roomCreate: true }),
    run(fake, msg) {
      need(msg.room, 'room required');
      roomOf(fake, msg.room);
      fake.rooms.delete(msg.room);
      return new DeleteRoomResponse();
    },
  },
  'RoomService.ListRooms': {
    request: ListRoomsRequest,
    grant: () => ({ roomList: true }),
    run(fake, msg) {
      const rooms = [...fake.rooms.values()]
        .map((r) => r.room)
        .filter((room) => msg.names.length === 0 || msg.names.includes(room.name));
      return new ListRoomsResponse({ rooms });
    },
  },
  'RoomService.RemoveParticipant': {
    request: RoomParticipantIdentity,
    grant: roomAdmin,
    run(fake, msg) {
      need(msg.room && msg.identity, 'room and identity required');
      participantOf(fake, msg.room, msg.identity);
      const r = fake.rooms.get(msg.room);
      r.participants.delete(msg.identity);
      r.room.numParticipants = r.participants.size;
      return new RemoveParticipantResponse();
    },
  },
  'RoomService.UpdateParticipant': {
    request: UpdateParticipantRequest,
    grant: roomAdmin,
    run(fake, msg) {
      need(msg.room && msg.identity, 'room and identity required');
      const p = participantOf(fake, msg.room, msg.identity);
      if (msg.permission) p.permission = msg.permission;
      return p;
    },
  },
  'Egress.StartRoomCompositeEgress': {
    request: RoomCompositeEgressRequest,
    grant: () => ({ roomRecord: true }),
    run(fake, msg) {
      need(msg.roomName, 'room_name required');
      roomOf(fake, msg.roomName);
      need(msg.fileOutputs.length === 1, 'one file output');
      const out = msg.fileOutputs[0];
      need(out.fileType === EncodedFileType.MP4, 'MP4 file');
      need(out.filepath, 'filepath required');
      need(out.output.case === 's3', 'an S3 upload');
      const s3 = out.output.value;
      need(s3.accessKey && s3.secret && s3.bucket && s3.region, 'S3 credentials, bucket, region');
      const info = new EgressInfo({
        egressId: 'EG_' + randomBytes(6).toString('hex'),
        roomId: fake.rooms.get(msg.roomName).room.sid,
        roomName: msg.roomName,
        status: EgressStatus.EGRESS_STARTING,
        startedAt: BigInt(Date.now()) * 1000000n,
      });
      info.filepath = out.filepath; // remembered for the file result, not part of EgressInfo
      fake.egresses.set(info.egressId, info);
      return info;
    },
  },
  'Egress.StopEgress': {
    request: StopEgressRequest,
    grant: () => ({ roomRecord: true }),
    run(fake, msg) {
      const info = knownOf(fake.egresses, msg.egressId, 'egress');
      if (info.status > EgressStatus.EGRESS_ACTIVE)
        throw new TwirpError('failed_precondition', 'egress is not active');
      info.status = EgressStatus.EGRESS_ENDING;
      return info;
    },
  },
  'Egress.ListEgress': {
    request: ListEgressRequest,
    grant: () => ({ roomRecord: true }),
    run(fake, msg) {
      const items = [...fake.egresses.values()].filter(
        (e) => (!msg.egressId || e.egressId === msg.egressId) && (!msg.roomName || e.roomName === msg.roomName),
      );
      return new ListEgressResponse({ items });
    },
  },
  'Ingress.CreateIngress': {
    request: CreateIngressRequest,
    grant: () => ({ ingressAdmin: true }),
    run(fake, msg) {
      need(msg.inputType === IngressInput.WHIP_INPUT, 'WHIP input');
      need(msg.roomName && msg.participantIdentity, 'room_name and participant_identity');
      const info = new IngressInfo({
        ingressId: 'IN_' + randomBytes(6).toString('hex'),
        name: msg.name,
        streamKey: randomBytes(12).toString('base64url'),
        url: `http://127.0.0.1:${fake.port}/w`,
        inputType: msg.inputType,
        roomName: msg.roomName,
        participantIdentity: msg.participantIdentity,
        participantName: msg.participantName,
      });
      fake.ingresses.set(info.ingressId, info);
      return info;
    },
  },
  'Ingress.DeleteIngress': {
    request: DeleteIngressRequest,
    grant: () => ({ ingressAdmin: true }),
    run(fake, msg) {
      const info = knownOf(fake.ingresses, msg.ingressId, 'ingress');
      fake.ingresses.delete(msg.ingressId);
      return info;
    },
  },
};

// Marks an egress as finished the way LiveKit reports it (the file result at the filepath
// asked for), or failed.
export function finishEgress(fake, egressId, status = EgressStatus.EGRESS_COMPLETE) {
  const info = fake.egresses.get(egressId);
  info.status = status;
  info.endedAt = BigInt(Date.now()) * 1000000n;
  if (status === EgressStatus.EGRESS_COMPLETE) {
    info.fileResults = [
      new FileInfo({
        filename: info.filepath,
        location: `https://bucket.example/${info.filepath}`,
        size: 1234n,
      }),
    ];
  } else {
    info.error = 'pipeline failed';
  }
}
