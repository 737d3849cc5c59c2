// Turns a rule match into an Alert: one precompiled OutputFormat per rule (the
// rule output plus the matching `append_output` parts), the prefix time field
// and the `extra_fields`, all compiled at load time.
//
// The JSON document is written as text, not built as an nlohmann document: at
// compile time the formatter fixes the sorted order of the output_fields keys
// (nlohmann objects are sorted maps, and a later entry with the same key wins,
// as when the document was built by assignment) and the constant parts
// (hostname, priority, rule, source, tags); per alert it appends each field's
// JSON from the same extraction that rendered the text.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/loader/priority.h"
#include "engine/output/alert.h"
#include "engine/output/output_config.h"
#include "engine/output/output_format.h"

namespace eg::output {

// What the formatter needs to know about a rule (a subset of CompiledRule, so
// the output library does not depend on how rules are loaded).
struct RuleOutputInfo {
  std::string name;
  std::string output;  // as written
  Priority priority = Priority::Debug;
  std::string source = "syscall";
  std::set<std::string> tags;
};

// The suffix the container plugin's suggested fields add (§7.8).
inline constexpr const char* kSuggestedOutputSuffix =
    "container_id=%container.id container_name=%container.name "
    "container_image_repository=%container.image.repository "
    "container_image_tag=%container.image.tag k8s_pod_name=%k8s.pod.name "
    "k8s_ns_name=%k8s.ns.name";

// The full output format of a rule: output + " " + each matching appended part.
std::string effective_output(const RuleOutputInfo& rule, const OutputConfig& config);

class RuleFormatter {
 public:
  // nullopt (and `error`) when the output or an appended format is invalid.
  static std::optional<RuleFormatter> compile(const RuleOutputInfo& rule, const OutputConfig& config,
                                              std::string* error);
  AlertPtr format(const EventContext& ctx) const;

 private:
  struct NamedExtra {
    std::string key;
    std::shared_ptr<OutputFormat> format;
  };
  // One output_fields member, in key order: `"key":"` (after a comma from
  // the second member on; the quote opens a string value) and where its
  // value comes from: a field of one of the formats, or a named extra
  // rendered as text.
  struct JsonMember {
    PaddedText key_open;
    const FieldOutput* field = nullptr;  // nullptr: named_extras_[index]
    bool from_raw_extras = false;        // the field's text is in raw_text_, else in line_
    size_t index = 0;
  };
  void plan_json();
  // The JSON document from line_ (the message starts at message_at).
  void render_json(const EventContext& ctx, size_t message_at, Alert& alert) const;
  std::shared_ptr<Alert> new_alert() const;
  std::shared_ptr<Alert> recycled_alert() const;

  const OutputConfig* config_ = nullptr;
  RuleOutputInfo rule_;
  std::shared_ptr<OutputFormat> message_;
  std::shared_ptr<OutputFormat> time_;     // evt.time or evt.time.iso8601
  std::shared_ptr<OutputFormat> rawtime_;  // evt.rawtime, for the JSON `time`
  std::vector<NamedExtra> named_extras_;
  std::shared_ptr<OutputFormat> raw_extras_;
  std::vector<std::string> tags_;
  std::vector<JsonMember> json_members_;
  size_t members_room_ = 0;  // the keys of json_members_ and kMemberSlack per member
  PaddedText json_head_;      // {"hostname":"..."
  PaddedText json_tail_;      // ,"priority":...,"tags":[...],"time":"
  PaddedText priority_text_;  // ": Priority " between the time and the message
  bool priority_plain_ = true;
  mutable FieldValues rawtime_values_;
  // Per-alert buffers, reused so that their capacity stays (a formatter is
  // used by one thread at a time, like the OutputFormats it holds).
  mutable TextBuffer line_;      // the text line of the last alert
  mutable TextBuffer json_;      // its JSON document
  mutable TextBuffer raw_text_;  // the raw extra fields' text (their JSON is what counts)
  mutable std::vector<std::string> extras_text_;
  mutable std::string json_scratch_;  // a field's JSON written the general way
  // The alerts made, oldest first from next_recycled_ on (sinks release them
  // in that order): the oldest is refilled in place once no sink holds it (no
  // allocations for the alert and its strings once they are large enough),
  // else the one after it (a sink keeping one alert does not stop the reuse).
  // While sinks hold both a new alert joins the ring as its newest, up to
  // kMaxRecycled (as many as sinks lag behind at most, so that a sink thread
  // that runs in slices does not make every alert a new allocation); beyond
  // that a new alert takes the oldest one's slot.
  static constexpr size_t kMaxRecycled = 1024;
  mutable std::vector<std::shared_ptr<Alert>> recycled_;
  mutable size_t next_recycled_ = 0;
};

}  // namespace eg::output
