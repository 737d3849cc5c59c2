// FdTable (engine/state/fd_table.h): fds added, replaced, erased and added
// again, so that the nodes it keeps from erased fds never leak a closed fd's
// contents into a new one, and the size bound holds across reuse.
#include "engine/state/fd_table.h"

#include <gtest/gtest.h>

#include <string>

namespace eg {
namespace {

FdInfo file(std::string name) {
  FdInfo f;
  f.kind = FdKind::File;
  f.name = std::move(name);
  return f;
}

TEST(FdTable, ReusedNodesCarryOnlyTheNewFd) {
  FdTable t;
  for (int round = 0; round < 3; ++round) {
    for (int64_t fd = 0; fd < 20; ++fd)
      ASSERT_NE(t.add(fd, file("/round" + std::to_string(round) + "/fd" + std::to_string(fd))), nullptr);
    EXPECT_EQ(t.size(), 20u);
    for (int64_t fd = 0; fd < 20; ++fd) {
      const FdInfo* f = t.find(fd);
      ASSERT_NE(f, nullptr);
      EXPECT_EQ(f->name, "/round" + std::to_string(round) + "/fd" + std::to_string(fd));
      EXPECT_TRUE(f->name_raw.empty());
    }
    for (int64_t fd = 0; fd < 20; ++fd) t.erase(fd);
    EXPECT_EQ(t.size(), 0u);
    EXPECT_EQ(t.find(3), nullptr);
  }
  FdInfo sock;
  sock.kind = FdKind::Ipv4Socket;
  sock.name = "10.0.0.1:1->10.0.0.2:2";
  ASSERT_NE(t.add(7, sock), nullptr);
  EXPECT_EQ(t.find(7)->kind, FdKind::Ipv4Socket);
  EXPECT_EQ(t.find(7)->name, sock.name);
}

TEST(FdTable, ReplaceEraseUnknownAndBound) {
  FdTable t(2);
  ASSERT_NE(t.add(1, file("/a")), nullptr);
  ASSERT_NE(t.add(1, file("/b")), nullptr);  // replaces
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.find(1)->name, "/b");
  t.erase(42);  // not there: nothing happens
  ASSERT_NE(t.add(2, file("/c")), nullptr);
  EXPECT_EQ(t.add(3, file("/d")), nullptr);  // full
  EXPECT_EQ(t.drops(), 1u);
  t.erase(1);
  ASSERT_NE(t.add(3, file("/d")), nullptr);  // a reused node, within the bound
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.find(3)->name, "/d");
  EXPECT_EQ(t.find(1), nullptr);
  t.clear();
  EXPECT_EQ(t.size(), 0u);
  ASSERT_NE(t.add(5, file("/e")), nullptr);
  EXPECT_EQ(t.find(5)->name, "/e");
}

// reset_slot gives the same table as add() of a default FdInfo filled the
// same way, whether the entry is new, a reused node or a replaced fd, and
// never carries a field of what was there before.
TEST(FdTable, ResetSlotIsAddOfADefaultEntry) {
  FdTable in_place(3), added(3);
  auto fill = [](FdInfo& f, int64_t fd) {
    f.kind = FdKind::File;
    f.name = "/in/place/" + std::to_string(fd) + "/with/a/name/on/the/heap";
    f.open_flags = static_cast<uint32_t>(fd);
  };
  FdInfo old;
  old.kind = FdKind::Ipv4Socket;
  old.name = "a long socket name 10.0.0.1:1->10.0.0.2:2";
  old.name_raw = "raw";
  old.ino = 99;
  old.cloexec = true;
  old.role_server = old.connected = old.socket_pending = true;
  old.sport = old.cport = 80;
  old.sip.family = 4;
  old.unix_source = old.unix_dest = 7;
  old.l4proto = kL4Tcp;
  old.mode = old.dev = old.mount_id = 5;
  old.open_ts = 1234;
  for (FdTable* t : {&in_place, &added}) {
    t->add(1, old);
    t->add(2, old);
    t->erase(2);  // node 2 becomes a spare
  }
  for (int64_t fd : {1, 2, 3, 4}) {  // replaced, spare node, new node, full
    FdInfo* f = in_place.reset_slot(fd);
    FdInfo g;
    fill(g, fd);
    FdInfo* a = added.add(fd, g);
    ASSERT_EQ(f == nullptr, a == nullptr) << fd;
    if (f == nullptr) continue;
    fill(*f, fd);
  }
  EXPECT_EQ(in_place.drops(), added.drops());
  EXPECT_EQ(in_place.size(), added.size());
  for (int64_t fd : {1, 2, 3}) {
    const FdInfo* f = in_place.find(fd);
    const FdInfo* a = added.find(fd);
    ASSERT_NE(f, nullptr);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(f->kind, a->kind);
    EXPECT_EQ(f->name, a->name);
    EXPECT_EQ(f->name_raw, a->name_raw);
    EXPECT_EQ(f->ino, a->ino);
    EXPECT_EQ(f->cloexec, a->cloexec);
    EXPECT_EQ(f->open_flags, a->open_flags);
    EXPECT_EQ(f->role_server, a->role_server);
    EXPECT_EQ(f->connected, a->connected);
    EXPECT_EQ(f->socket_pending, a->socket_pending);
    EXPECT_EQ(f->sport, a->sport);
    EXPECT_EQ(f->cport, a->cport);
    EXPECT_EQ(f->sip.family, a->sip.family);
    EXPECT_EQ(f->unix_source, a->unix_source);
    EXPECT_EQ(f->unix_dest, a->unix_dest);
    EXPECT_EQ(f->l4proto, a->l4proto);
    EXPECT_EQ(f->mode, a->mode);
    EXPECT_EQ(f->dev, a->dev);
    EXPECT_EQ(f->mount_id, a->mount_id);
    EXPECT_EQ(f->open_ts, a->open_ts);
  }
}

}  // namespace
}  // namespace eg
