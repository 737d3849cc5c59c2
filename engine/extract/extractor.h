// The interface between compiled rules/outputs and the code that produces field
// values from an event and the state.
//
// The compiler and the output formatter each ask make_extractor() once per field
// occurrence at load time; at run time they call extract() per event. An
// extractor may keep scratch storage for values it builds (strings it
// concatenates, ancestor walks); views it returns stay valid until its next call.
//
// extract() yields what Falco prints for the field (render_text/render_json in
// value_render.h turn those values into text and JSON). A few fields compare
// differently from what they print: `proc.aname` without an index prints the
// ancestors joined by spaces but matches when *some* ancestor matches; `fd.ip`,
// `fd.port`, `fd.net`, `fd.proto` print nothing but match either endpoint. For
// those, match_mode() says how, and extract_candidates() yields the values to test.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "fields/field_registry.h"
#include "fields/field_value.h"

namespace eg {

struct EventContext;  // engine/state/event_context.h
struct Scratch;       // engine/extract/extractor_kit.h

// A field whose value is always one text: the plain function that gives it
// (a view into the state or into `scratch`, valid until the extractor's next
// call), false when the field has no value.
using TextFn = bool (*)(const EventContext& ctx, Scratch& scratch, std::string_view& out);
struct TextAccess {
  TextFn fn = nullptr;  // null: the field has no such function
  Scratch* scratch = nullptr;
  FieldType type = FieldType::NONE;  // the type extract() gives the value
};

// A field whose value is always one integer or boolean: the plain function
// that gives its bits as FieldValue::u64 holds them (a signed value as its
// two's complement, a boolean as 0/1), false when the field has no value.
using NumberFn = bool (*)(const EventContext& ctx, uint64_t& out);
struct NumberAccess {
  NumberFn fn = nullptr;  // null: the field has no such function
  FieldType type = FieldType::NONE;  // the type extract() gives the value
};

// An address field (fd.sip, fd.snet, ... and the candidates of fd.ip and
// fd.net): the plain function that writes pointers to its addresses (none,
// one, or for either-endpoint fields the client's then the server's) into
// out[0..1] and returns how many; they stay valid during the event.
using AddressFn = uint32_t (*)(const EventContext& ctx, const IpAddress* out[2]);
struct AddressAccess {
  AddressFn fn = nullptr;  // null: the field has no such function
  FieldType type = FieldType::NONE;  // the type of the values (extract() or candidates)
};

// How a condition uses the values of an extractor.
enum class MatchMode : uint8_t {
  Values,          // compare extract()'s values (one value, or a list when is_list())
  AnyCandidate,    // true when the operator holds for some value of extract_candidates();
                   // `!=` too ("some ancestor is not sshd"); no candidate => false
  EitherEndpoint,  // like AnyCandidate, except `!=` (and `not in`) is true only when
                   // no candidate equals the constant (fd.ip != 1.2.3.4: neither end is it)
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  // Appends the values of the field for this event to `out` (cleared by the caller).
  // Returns false (and appends nothing) when the field has no value.
  virtual bool extract(const EventContext& ctx, FieldValues& out) = 0;
  // The value type produced (for evt.rawarg.* this is resolved from the event schema).
  virtual FieldType type() const = 0;
  virtual bool is_list() const { return false; }
  virtual MatchMode match_mode() const { return MatchMode::Values; }
  // The values a condition tests when match_mode() is not Values.
  virtual bool extract_candidates(const EventContext& ctx, FieldValues& out) { return extract(ctx, out); }
  // For a scalar text field: the function extract() itself calls, so that a
  // condition testing the text calls it directly (no FieldValues, no
  // std::function). fn is null for every other field.
  virtual TextAccess text_access() { return {}; }
  // For a scalar integer/boolean field: the function extract() calls (null otherwise).
  virtual NumberAccess number_access() { return {}; }
  // For an address field: the function giving the values a condition tests
  // (extract()'s one value for MatchMode::Values, else the candidates).
  virtual AddressAccess address_access() { return {}; }
};

struct ExtractorRequest {
  const FieldInfo* info = nullptr;
  std::optional<std::string> arg;  // [arg] or dotted argument
};

// Builds the extractor for a field; on failure returns nullptr and sets `error`
// to Falco's message (e.g. "filter error: ..." for a bad argument).
std::unique_ptr<Extractor> make_extractor(const ExtractorRequest& req, std::string* error);

}  // namespace eg
