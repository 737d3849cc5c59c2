// Building blocks of the condition grammar (condition_grammar.h) that plain
// PEG rules cannot express.
//
// libsinsp's parser is a hand-written recursive-descent parser; Falco reports
// its errors with the exact message and the byte position the parser had
// reached when it gave up, plus the last token it had read. To give the same
// answers, the grammar needs: an input that remembers that last token and the
// recursion depth; rules that raise a given message at the current position
// (no PEG backtracking once libsinsp would have thrown); a depth guard on the
// same rules libsinsp guards (so "exceeded max depth limit of 1000" comes at
// the same place, and recursion stays bounded on hostile input); and the
// quoted-string lexer with libsinsp's termination rule.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <tao/pegtl.hpp>

#include "parser/condition/string_escaping.h"

namespace eg::condition {

// Maximum recursion depth of guarded rules, as configured by Falco.
inline constexpr uint32_t kMaxGuardDepth = 1000;

// A syntax error: Falco's message and the byte offset where it was raised.
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::string message, size_t offset)
      : std::runtime_error(std::move(message)), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

// The parser input: condition text plus the state libsinsp keeps next to its
// cursor (last token read, current depth).
class ConditionInput
    : public tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy, tao::pegtl::eol::lf_crlf> {
 public:
  explicit ConditionInput(std::string_view text)
      : memory_input(text.data(), text.data() + text.size(), "condition") {}
  size_t offset() const { return static_cast<size_t>(current() - begin()); }
  void move_to(size_t target) {
    if (target > offset()) bump(target - offset());
  }

  std::string last_token;
  uint32_t depth = 0;
};

namespace grammar {

namespace pegtl = tao::pegtl;

// Raises Message::text at the current position (libsinsp: throw).
template <typename Message>
struct raise_message {
  using rule_t = raise_message;
  using subs_t = pegtl::type_list<>;
  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&...) {
    throw SyntaxError(Message::text, in.offset());
  }
};

// Raises the end-of-parse error naming the last token read.
struct raise_unexpected_token {
  using rule_t = raise_unexpected_token;
  using subs_t = pegtl::type_list<>;
  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&...) {
    throw SyntaxError("unexpected token after '" + in.last_token + "', expecting 'or', 'and'",
                      in.offset());
  }
};

// Counts one recursion level around Rule (libsinsp's depth_guard).
template <typename Rule>
struct guarded {
  using rule_t = guarded;
  using subs_t = pegtl::type_list<Rule>;
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    struct level {
      uint32_t& depth;
      ~level() { --depth; }
    } guard{++in.depth};
    if (in.depth >= kMaxGuardDepth) {
      throw SyntaxError("exceeded max depth limit of " + std::to_string(kMaxGuardDepth),
                        in.offset());
    }
    return Control<Rule>::template match<A, M, Action, Control>(in, st...);
  }
};

// A token: on success, its text becomes the "last token" of error messages.
template <typename Rule>
struct token {
  using rule_t = token;
  using subs_t = pegtl::type_list<Rule>;
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    const char* start = in.current();
    if (!Control<Rule>::template match<A, M, Action, Control>(in, st...)) return false;
    if constexpr (A == pegtl::apply_mode::action) {
      in.last_token.assign(start, in.current());
    }
    return true;
  }
};

// A quoted string: starts with ' or " and ends at the next same quote that is
// not immediately preceded by a backslash (a NUL byte or the end of input
// leaves it unterminated, and then nothing is consumed). The content is
// unescaped at once; an invalid escape is raised after the closing quote.
struct quoted_string {
  using rule_t = quoted_string;
  using subs_t = pegtl::type_list<>;

  static size_t terminated_length(std::string_view rest) {
    const char quote = rest[0];
    for (size_t i = 1; i < rest.size() && rest[i] != '\0'; ++i) {
      if (rest[i] == quote && rest[i - 1] != '\\') return i + 1;
    }
    return 0;
  }

  template <pegtl::apply_mode A, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&...) {
    if (in.empty() || (in.peek_char() != '"' && in.peek_char() != '\'')) return false;
    const std::string_view rest(in.current(), in.size());
    const size_t length = terminated_length(rest);
    if (length == 0) return false;
    in.bump(length);
    auto unescaped = unescape_quoted(rest.substr(0, length));
    if (!unescaped.ok()) throw SyntaxError(unescaped.error, in.offset());
    if constexpr (A == pegtl::apply_mode::action) in.last_token = std::move(unescaped.value);
    return true;
  }
};

// The elements of a parenthesised list, after "(" and blanks. libsinsp parses
// the first element inside a try block: if it fails for any reason the list
// is taken to be empty and the cursor stays where the failure left it; only
// then must ")" follow. Head is the first element, Tail the ", x" repetitions
// (never fails) and Close the closing parenthesis (raises when missing).
template <typename Head, typename Tail, typename Close>
struct list_after_open {
  using rule_t = list_after_open;
  using subs_t = pegtl::type_list<Head, Tail, Close>;
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    bool has_head = false;
    try {
      has_head = Control<Head>::template match<A, pegtl::rewind_mode::required, Action, Control>(
          in, st...);
    } catch (const SyntaxError& e) {
      in.move_to(e.offset());
    }
    if (has_head &&
        !Control<Tail>::template match<A, pegtl::rewind_mode::required, Action, Control>(in, st...)) {
      return false;
    }
    return Control<Close>::template match<A, M, Action, Control>(in, st...);
  }
};

}  // namespace grammar
}  // namespace eg::condition
