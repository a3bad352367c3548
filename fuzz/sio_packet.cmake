# Socket.IO packets and binary attachment reassembly (realtime/socketio/sio.h).
blytz_fuzz_target(sio_packet ${CMAKE_CURRENT_SOURCE_DIR}/sio_packet.c bz_realtime_proto)
