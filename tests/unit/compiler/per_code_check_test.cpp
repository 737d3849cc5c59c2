// make_per_code_check (filter_nodes.cpp): a check decided by the event code
// is evaluated once per code and then read from its table, except for the
// codes whose type name comes from the params (generic and async events),
// codes beyond the table and contexts without an event, which are evaluated
// every time.
#include <gtest/gtest.h>

#include "engine/compiler/filter_nodes.h"
#include "engine/state/event_context.h"
#include "fields/event_schema.h"

namespace eg {
namespace {

// Counts its evaluations; true for even codes.
class CountingCheck : public Filter {
 public:
  explicit CountingCheck(int* calls) : calls_(calls) {}
  bool evaluate(const EventContext& ctx) override {
    ++*calls_;
    return ctx.event == nullptr || ctx.event->type % 2 == 0;
  }

 private:
  int* calls_;
};

int calls_for(Filter& f, int& calls, uint16_t code, int times, bool* last) {
  RawEvent ev;
  ev.type = code;
  EventContext ctx;
  ctx.event = &ev;
  int before = calls;
  for (int i = 0; i < times; ++i) *last = f.evaluate(ctx);
  return calls - before;
}

TEST(PerCodeCheck, EvaluatedOncePerCodeExceptParamNamedAndLargeCodes) {
  int calls = 0;
  FilterPtr f = make_per_code_check(std::make_unique<CountingCheck>(&calls));
  bool last = false;
  EXPECT_EQ(calls_for(*f, calls, 306, 3, &last), 1);
  EXPECT_TRUE(last);
  EXPECT_EQ(calls_for(*f, calls, 307, 3, &last), 1);
  EXPECT_FALSE(last);
  for (uint16_t code : {kGenericEnterCode, kGenericExitCode, kAsyncEventCode, uint16_t{511}, uint16_t{512},
                        uint16_t{4000}}) {
    bool expect = code % 2 == 0;
    int n = calls_for(*f, calls, code, 3, &last);
    EXPECT_EQ(last, expect) << code;
    if (code == 511) EXPECT_EQ(n, 1) << code;
    else EXPECT_EQ(n, 3) << code;
  }
  EventContext none;
  int before = calls;
  EXPECT_TRUE(f->evaluate(none));
  EXPECT_TRUE(f->evaluate(none));
  EXPECT_EQ(calls - before, 2);
}

}  // namespace
}  // namespace eg
