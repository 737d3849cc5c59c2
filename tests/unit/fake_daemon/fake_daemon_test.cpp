// The fake Edera daemon itself, driven by a plain generated gRPC client stub:
// zone listing (splits, failures), watch broadcast to several subscribers,
// monitor scripts (snapshot first, pushes, mid-stream failure, rejection),
// stop handling variants, request recording, large messages, and a restart on
// the same socket path. The zone integration tests rely on all of this.
#include <gtest/gtest.h>

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <thread>

#include "tests/support/fake_daemon/fake_daemon.h"
#include "tests/support/fake_daemon/zone_fixtures.h"

namespace eg::fake {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class FakeDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "eg_fake_daemon_XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    daemon_ = std::make_unique<FakeDaemon>(dir_ + "/daemon.socket");
    std::string err;
    ASSERT_TRUE(daemon_->start(&err)) << err;
  }
  void TearDown() override {
    daemon_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::unique_ptr<pb::ControlService::Stub> stub() {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    return pb::ControlService::NewStub(
        grpc::CreateCustomChannel(daemon_->target(), grpc::InsecureChannelCredentials(), args));
  }
  static std::vector<pb::Zone> list(pb::ControlService::Stub& s, size_t* replies, grpc::Status* status) {
    grpc::ClientContext ctx;
    auto reader = s.ListZones(&ctx, pb::ListZonesRequest());
    std::vector<pb::Zone> out;
    pb::ListZonesReply r;
    *replies = 0;
    while (reader->Read(&r)) {
      ++*replies;
      out.insert(out.end(), r.zones().begin(), r.zones().end());
    }
    *status = reader->Finish();
    return out;
  }
  static pb::MonitorZoneKernelEventRequest update(const std::string& zone) {
    pb::MonitorZoneKernelEventRequest r;
    r.set_zone_id(zone);
    r.mutable_update();
    return r;
  }
  static pb::MonitorZoneKernelEventRequest stop(const std::string& zone) {
    pb::MonitorZoneKernelEventRequest r;
    r.set_zone_id(zone);
    r.mutable_stop();
    return r;
  }

  std::string dir_;
  std::unique_ptr<FakeDaemon> daemon_;
};

const std::string kZoneA = "6f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2a01";
const std::string kZoneB = "6f1c1b1e-3a8e-4d55-9c43-0d5a1f1b2a02";

pb::MonitorZoneKernelEventReply event_reply(uint64_t tid) {
  pb::MonitorZoneKernelEventReply r;
  r.mutable_syscall()->set_thread_id(tid);
  return r;
}

TEST_F(FakeDaemonTest, ListZonesSplitsAndFails) {
  daemon_->set_zones({ready_zone(kZoneA, 5), ready_zone(kZoneB, 6)});
  auto s = stub();
  size_t replies = 0;
  grpc::Status st;
  EXPECT_EQ(list(*s, &replies, &st).size(), 2u);
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(replies, 1u);

  daemon_->set_list_split(2);
  EXPECT_EQ(list(*s, &replies, &st).size(), 2u);
  EXPECT_EQ(replies, 2u);

  daemon_->set_list_split(0);
  EXPECT_TRUE(list(*s, &replies, &st).empty());
  EXPECT_EQ(replies, 0u);
  EXPECT_TRUE(st.ok());

  daemon_->fail_list_zones(grpc::Status(grpc::StatusCode::UNAVAILABLE, "busy"), 1);
  list(*s, &replies, &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE);
  daemon_->set_list_split(1);
  EXPECT_EQ(list(*s, &replies, &st).size(), 2u);
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(daemon_->list_zones_calls(), 5u);

  pb::ListZonesReply r1, r2;
  *r1.add_zones() = zone_in_state(kZoneA, pb::ZONE_STATE_CREATING, 5);
  *r2.add_zones() = ready_zone(kZoneA, 5);
  daemon_->set_list_replies(std::vector<pb::ListZonesReply>{r1, r2});
  auto zs = list(*s, &replies, &st);
  ASSERT_EQ(zs.size(), 2u);
  EXPECT_EQ(zs[1].status().state(), pb::ZONE_STATE_READY);
}

TEST_F(FakeDaemonTest, GetZoneFindsOrNotFound) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  auto s = stub();
  pb::GetZoneRequest req;
  pb::GetZoneReply reply;
  req.set_zone_id(kZoneA);
  {
    grpc::ClientContext ctx;
    EXPECT_TRUE(s->GetZone(&ctx, req, &reply).ok());
    EXPECT_EQ(reply.zone().id(), kZoneA);
  }
  req.set_zone_id(kZoneB);
  grpc::ClientContext ctx;
  EXPECT_EQ(s->GetZone(&ctx, req, &reply).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(FakeDaemonTest, WatchBroadcastsToEverySubscriberAndEnds) {
  auto s = stub();
  grpc::ClientContext c1, c2;
  auto w1 = s->WatchEvents(&c1, pb::WatchEventsRequest());
  auto w2 = s->WatchEvents(&c2, pb::WatchEventsRequest());
  ASSERT_TRUE(FakeDaemon::wait_until([&] { return daemon_->watch_subscribers() == 2; }, 5s));
  daemon_->emit_zone_changed(ready_zone(kZoneA, 5));
  daemon_->emit_workload_changed("w1");
  daemon_->emit_empty_watch_reply();
  for (auto* w : {w1.get(), w2.get()}) {
    pb::WatchEventsReply r;
    ASSERT_TRUE(w->Read(&r));
    EXPECT_EQ(r.zone_changed().zone().id(), kZoneA);
    ASSERT_TRUE(w->Read(&r));
    EXPECT_EQ(r.workload_changed().workload().id(), "w1");
    ASSERT_TRUE(w->Read(&r));
    EXPECT_EQ(r.event_case(), pb::WatchEventsReply::EVENT_NOT_SET);
  }
  daemon_->end_watch_streams(grpc::Status(grpc::StatusCode::INTERNAL, "watch broke"));
  pb::WatchEventsReply r;
  EXPECT_FALSE(w1->Read(&r));
  EXPECT_EQ(w1->Finish().error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_FALSE(w2->Read(&r));
  EXPECT_EQ(w2->Finish().error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_TRUE(FakeDaemon::wait_until([&] { return daemon_->watch_subscribers() == 0; }, 5s));
  EXPECT_EQ(daemon_->watch_calls(), 2u);
}

TEST_F(FakeDaemonTest, MonitorPlaysScriptRecordsRequestsAndEndsAtHalfClose) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  daemon_->set_script(kZoneA, {MonitorStep::send(small_tree_snapshot_reply(kZoneA)),
                               MonitorStep::send(event_reply(100)), MonitorStep::send(event_reply(200))});
  auto s = stub();
  grpc::ClientContext ctx;
  auto stream = s->MonitorZoneKernelEvents(&ctx);
  ASSERT_TRUE(stream->Write(update(kZoneA)));
  pb::MonitorZoneKernelEventReply r;
  ASSERT_TRUE(stream->Read(&r));
  ASSERT_TRUE(r.has_threadsnap());
  EXPECT_EQ(r.threadsnap().thread_info().size(), 4);
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_EQ(r.syscall().thread_id(), 100u);
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_EQ(r.syscall().thread_id(), 200u);
  ASSERT_TRUE(daemon_->push_reply(kZoneA, event_reply(300)));
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_EQ(r.syscall().thread_id(), 300u);
  EXPECT_EQ(daemon_->live_monitor_calls(kZoneA), 1u);

  ASSERT_TRUE(stream->Write(stop(kZoneA)));
  ASSERT_TRUE(stream->WritesDone());
  EXPECT_FALSE(stream->Read(&r));
  EXPECT_TRUE(stream->Finish().ok());

  ASSERT_TRUE(FakeDaemon::wait_until([&] { return daemon_->live_monitor_calls(kZoneA) == 0; }, 5s));
  auto calls = daemon_->monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 1u);
  const auto& c = calls[0];
  ASSERT_EQ(c.requests.size(), 2u);
  EXPECT_EQ(c.requests[0].kind, RecordedRequest::Kind::Update);
  EXPECT_TRUE(c.requests[0].enabled_syscalls.empty());
  EXPECT_EQ(c.requests[1].kind, RecordedRequest::Kind::Stop);
  EXPECT_EQ(c.requests[1].zone_id, kZoneA);
  EXPECT_TRUE(c.half_closed);
  EXPECT_TRUE(c.finished);
  EXPECT_EQ(c.finish_code, grpc::StatusCode::OK);
  EXPECT_EQ(c.replies_sent, 4u);
  EXPECT_LE(c.requests[1].at, c.half_closed_at);
}

TEST_F(FakeDaemonTest, PerCallScriptsBreakMidStreamThenServeANewSnapshot) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  daemon_->set_call_scripts(kZoneA,
                            {{MonitorStep::send(small_tree_snapshot_reply(kZoneA)), MonitorStep::send(event_reply(1)),
                              MonitorStep::end(grpc::Status(grpc::StatusCode::UNAVAILABLE, "zone link lost"))},
                             {MonitorStep::send(small_tree_snapshot_reply(kZoneA)), MonitorStep::send(event_reply(2))}});
  auto s = stub();
  {
    grpc::ClientContext ctx;
    auto stream = s->MonitorZoneKernelEvents(&ctx);
    stream->Write(update(kZoneA));
    pb::MonitorZoneKernelEventReply r;
    ASSERT_TRUE(stream->Read(&r));
    EXPECT_TRUE(r.has_threadsnap());
    ASSERT_TRUE(stream->Read(&r));
    EXPECT_EQ(r.syscall().thread_id(), 1u);
    EXPECT_FALSE(stream->Read(&r));
    EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  }
  grpc::ClientContext ctx;
  auto stream = s->MonitorZoneKernelEvents(&ctx);
  stream->Write(update(kZoneA));
  pb::MonitorZoneKernelEventReply r;
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_TRUE(r.has_threadsnap());
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_EQ(r.syscall().thread_id(), 2u);
  ASSERT_TRUE(daemon_->end_stream(kZoneA, grpc::Status(grpc::StatusCode::INTERNAL, "x")));
  EXPECT_FALSE(stream->Read(&r));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::INTERNAL);
  auto calls = daemon_->monitor_calls(kZoneA);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].zone_call_index, 1u);
}

TEST_F(FakeDaemonTest, RejectsCallsAndUnknownZones) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  daemon_->reject_calls(kZoneA, grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "not ready"), 1);
  auto s = stub();
  auto status_of = [&](const std::string& zone) {
    grpc::ClientContext ctx;
    auto stream = s->MonitorZoneKernelEvents(&ctx);
    stream->Write(update(zone));
    pb::MonitorZoneKernelEventReply r;
    while (stream->Read(&r)) {
    }
    return stream->Finish().error_code();
  };
  EXPECT_EQ(status_of(kZoneA), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status_of(kZoneB), grpc::StatusCode::NOT_FOUND);
  // The rejection was for one call only: the next one stays open.
  grpc::ClientContext ctx;
  auto stream = s->MonitorZoneKernelEvents(&ctx);
  stream->Write(update(kZoneA));
  ASSERT_TRUE(FakeDaemon::wait_until([&] { return daemon_->live_monitor_calls(kZoneA) == 1; }, 5s));
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(FakeDaemonTest, IgnoringStopKeepsTheStreamUntilTheClientCancels) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  daemon_->set_stop_behaviour(StopBehaviour::Ignore);
  auto s = stub();
  grpc::ClientContext ctx;
  auto stream = s->MonitorZoneKernelEvents(&ctx);
  stream->Write(update(kZoneA));
  stream->Write(stop(kZoneA));
  stream->WritesDone();
  ASSERT_TRUE(FakeDaemon::wait_until([&] {
    auto c = daemon_->monitor_calls(kZoneA);
    return c.size() == 1 && c[0].half_closed;
  }, 5s));
  ASSERT_TRUE(daemon_->push_reply(kZoneA, event_reply(7)));
  pb::MonitorZoneKernelEventReply r;
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_EQ(r.syscall().thread_id(), 7u);
  EXPECT_EQ(daemon_->live_monitor_calls(kZoneA), 1u);
  ctx.TryCancel();
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(FakeDaemon::wait_until([&] { return daemon_->live_monitor_calls(kZoneA) == 0; }, 5s));
  EXPECT_TRUE(daemon_->monitor_calls(kZoneA)[0].cancelled);
}

TEST_F(FakeDaemonTest, EndOnStopEndsBeforeTheHalfClose) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  daemon_->set_stop_behaviour(StopBehaviour::EndOnStop);
  auto s = stub();
  grpc::ClientContext ctx;
  auto stream = s->MonitorZoneKernelEvents(&ctx);
  stream->Write(update(kZoneA));
  stream->Write(stop(kZoneA));
  pb::MonitorZoneKernelEventReply r;
  EXPECT_FALSE(stream->Read(&r));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(FakeDaemonTest, CarriesAnEightMebibyteSnapshot) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  auto big = large_snapshot_reply(kZoneA, 8u << 20);
  EXPECT_GT(big.ByteSizeLong(), 8u << 20);
  daemon_->set_script(kZoneA, {MonitorStep::send(big)});
  auto s = stub();
  grpc::ClientContext ctx;
  auto stream = s->MonitorZoneKernelEvents(&ctx);
  stream->Write(update(kZoneA));
  pb::MonitorZoneKernelEventReply r;
  ASSERT_TRUE(stream->Read(&r));
  EXPECT_EQ(r.threadsnap().thread_info().size(), big.threadsnap().thread_info().size());
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(FakeDaemonTest, ShutdownEndsStreamsAndRestartServesTheSamePath) {
  daemon_->set_zones({ready_zone(kZoneA, 5)});
  auto s = stub();
  grpc::ClientContext wctx, mctx;
  auto watch = s->WatchEvents(&wctx, pb::WatchEventsRequest());
  auto mon = s->MonitorZoneKernelEvents(&mctx);
  mon->Write(update(kZoneA));
  ASSERT_TRUE(FakeDaemon::wait_until(
      [&] { return daemon_->watch_subscribers() == 1 && daemon_->live_monitor_calls(kZoneA) == 1; }, 5s));
  daemon_->shutdown();
  EXPECT_FALSE(fs::exists(daemon_->socket_path()));
  pb::WatchEventsReply wr;
  EXPECT_FALSE(watch->Read(&wr));
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  pb::MonitorZoneKernelEventReply mr;
  EXPECT_FALSE(mon->Read(&mr));
  EXPECT_NE(mon->Finish().error_code(), grpc::StatusCode::OK);

  ASSERT_TRUE(daemon_->start());
  size_t replies = 0;
  grpc::Status st;
  // The old channel reconnects to the new listener.
  ASSERT_TRUE(FakeDaemon::wait_until([&] { return list(*s, &replies, &st).size() == 1 && st.ok(); }, 10s));
}

}  // namespace
}  // namespace eg::fake
