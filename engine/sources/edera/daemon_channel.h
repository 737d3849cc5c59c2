// The gRPC channel to the Edera daemon: HTTP/2 cleartext over its Unix
// socket, no credentials (access is the socket's file permissions), a
// receive limit far above gRPC's 4 MiB default (large thread snapshots), and
// gRPC's own reconnect back-off bounded by ours so a restarted daemon is found
// again within reconnect_max. One channel is shared by every call.
#pragma once

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/support/channel_arguments.h>
#include <grpcpp/support/status.h>

#include "engine/sources/edera/edera_options.h"

namespace eg::edera {

std::shared_ptr<grpc::Channel> make_daemon_channel(const EderaOptions& options);

// The parts of make_daemon_channel, for tools that build the same channel
// another way (the stream ceiling benchmark's C-core reader): the channel
// arguments, the target name, and the process-wide absl setting.
grpc::ChannelArguments daemon_channel_arguments(const EderaOptions& options);
std::string daemon_target(const EderaOptions& options);
void quiet_absl_deadlock_detection();

// How a call ended, for log lines: "end of stream" or "CODE: message".
std::string status_text(const grpc::Status& s);

}  // namespace eg::edera
