// The node types of a compiled filter tree: boolean structure (and/or/not,
// short-circuit, left to right) and the three kinds of leaf check — `exists`,
// a comparison with constants, a comparison with a right-hand field. Leaves
// apply Falco's rule that a missing value makes the check false (§4.5) and
// the extractor's MatchMode (any ancestor, either endpoint, list fields).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/compiler/compare_op.h"
#include "engine/compiler/filter.h"
#include "engine/compiler/shared_results.h"
#include "engine/compiler/value_test.h"
#include "engine/extract/extractor.h"

namespace eg {

FilterPtr make_and_filter(std::vector<FilterPtr> children);
FilterPtr make_or_filter(std::vector<FilterPtr> children);
FilterPtr make_not_filter(FilterPtr child);

FilterPtr make_exists_check(std::unique_ptr<Extractor> field);
FilterPtr make_constant_check(std::unique_ptr<Extractor> field, CompareOp op, ValueTestPtr test);
FilterPtr make_field_check(std::unique_ptr<Extractor> left, CompareOp op,
                           std::unique_ptr<Extractor> right);
// Wraps a check whose result depends only on the event code (a constant check
// of an untransformed `evt.type` or `evt.dir`): evaluated once per code and
// remembered, except for the codes whose type name comes from the event's
// params (generic syscall events, async events), which are evaluated each time.
FilterPtr make_per_code_check(FilterPtr check);
// Wraps the compiled body of an inlined macro: its result on an event is
// computed by the first rule that needs it and read from `table` by the others.
FilterPtr make_shared_result_filter(std::shared_ptr<SharedResults> table, uint32_t slot, FilterPtr body);

}  // namespace eg
