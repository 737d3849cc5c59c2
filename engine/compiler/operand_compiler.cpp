// Operand compilation: fields with their arguments, transformers with their
// type rules (see operand_compiler.h).
#include "engine/compiler/operand_compiler.h"

#include <algorithm>
#include <array>

#include "engine/compiler/transformer_extractors.h"

namespace eg {
namespace {

using ast::Operand;

std::string display_name(const Operand& o) {
  return o.arg ? o.name + "[" + *o.arg + "]" : o.name;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Falco's checks of a field name and its argument; empty when fine.
std::string field_argument_error(const Operand& o, const FieldLookup& found) {
  const FieldInfo& f = *found.info;
  const std::string nonexistent = "filter_check called with nonexistent field " + display_name(o);
  if (o.arg) {
    if (!f.has(kFieldArgAllowed) || f.has(kFieldNoBracketArg) || found.dotted_arg) return nonexistent;
    if (f.has(kFieldArgIndex) && !f.has(kFieldArgKey) && !all_digits(*o.arg)) return nonexistent;
  }
  if (f.has(kFieldArgRequired) && !o.arg && !found.dotted_arg) {
    return "filter syntax error: " + o.name;
  }
  return {};
}

std::optional<CompiledOperand> compile_field(const Operand& o, const FieldResolver& resolver,
                                             std::string* error) {
  FieldLookup found = resolver.lookup(o.name);
  if (!found.info) {
    *error = "filter_check called with nonexistent field " + display_name(o);
    return std::nullopt;
  }
  if (std::string e = field_argument_error(o, found); !e.empty()) {
    *error = std::move(e);
    return std::nullopt;
  }
  ExtractorRequest req;
  req.info = found.info;
  req.arg = o.arg ? o.arg : found.dotted_arg;
  auto ex = resolver.make_extractor(req, error);
  if (!ex) {
    if (error->empty()) *error = "filter_check called with nonexistent field " + display_name(o);
    return std::nullopt;
  }
  CompiledOperand c;
  c.extractor = std::move(ex);
  c.field = found.info;
  c.field_name = std::string(found.info->name);
  return c;
}

bool is_string_type(FieldType t) {
  return t == FieldType::CHARBUF || t == FieldType::FSPATH || t == FieldType::FSRELPATH;
}

// Input types each one-argument transformer accepts.
bool accepts_input(std::string_view name, const CompiledOperand& in) {
  FieldType t = in.type();
  if (name == "tolower" || name == "toupper" || name == "basename") return is_string_type(t);
  if (name == "b64") return t == FieldType::CHARBUF || t == FieldType::BYTEBUF;
  if (name == "len") return is_string_type(t) || t == FieldType::BYTEBUF || in.is_list();
  return false;
}

struct Builder {
  const FieldResolver& resolver;
  std::string* error;

  std::optional<CompiledOperand> operand(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::Field: return compile_field(o, resolver, error);
      case Operand::Kind::Transformer: return transformer(o);
      case Operand::Kind::Value: {
        CompiledOperand c;
        c.extractor = make_literal(o.value);
        return c;
      }
      case Operand::Kind::List: return list(o);
    }
    return std::nullopt;
  }

  std::optional<CompiledOperand> list(const Operand& o) {
    std::vector<ExtractorPtr> items;
    CompiledOperand c;
    for (const auto& a : o.args) {
      auto item = operand(a);
      if (!item) return std::nullopt;
      if (!c.field) {
        c.field = item->field;
        c.field_name = item->field_name;
      }
      items.push_back(std::move(item->extractor));
    }
    c.extractor = make_operand_list(std::move(items));
    c.transformed = true;
    return c;
  }

  std::optional<CompiledOperand> fail(std::string message) {
    *error = std::move(message);
    return std::nullopt;
  }

  std::optional<CompiledOperand> transformer(const Operand& o) {
    if (o.name == "val") return val(o);
    if (o.name == "join" || o.name == "concat" || o.name == "getopt") return multivalue(o);
    if (o.arg) return fail("filter error: transformer '" + o.name + "' does not support field arguments");
    if (o.args.size() != 1) return fail("filter error: transformer '" + o.name + "' expects one argument");
    auto in = operand(o.args[0]);
    if (!in) return std::nullopt;
    if (in->field && in->field->has(kFieldNoTransformer))
      return fail("filter error: field '" + in->field_name + "' does not support transformers");
    if (!accepts_input(o.name, *in)) {
      return fail("can't add field transformer: type '" + std::string(field_type_name(in->type())) +
                  "' is not supported by '" + o.name + "' transformer applied on field '" +
                  in->field_name + "'");
    }
    CompiledOperand c;
    c.field = in->field;
    c.field_name = in->field_name;
    c.transformed = true;
    if (o.name == "len") c.extractor = make_len(std::move(in->extractor));
    else if (o.name == "tolower") c.extractor = make_value_map(ValueMap::ToLower, std::move(in->extractor));
    else if (o.name == "toupper") c.extractor = make_value_map(ValueMap::ToUpper, std::move(in->extractor));
    else if (o.name == "basename") c.extractor = make_value_map(ValueMap::Basename, std::move(in->extractor));
    else if (o.name == "b64") c.extractor = make_value_map(ValueMap::Base64Decode, std::move(in->extractor));
    else return fail("filter error: unknown transformer '" + o.name + "'");
    return c;
  }

  std::optional<CompiledOperand> val(const Operand& o) {
    if (o.args.size() != 1 || o.args[0].kind != Operand::Kind::Field)
      return fail("filter error: val() expects one field");
    auto c = compile_field(o.args[0], resolver, error);
    if (c) c->is_val = true;
    return c;
  }

  std::optional<std::vector<CompiledOperand>> arguments(const Operand& o) {
    std::vector<CompiledOperand> out;
    for (const auto& a : o.args) {
      auto c = operand(a);
      if (!c) return std::nullopt;
      out.push_back(std::move(*c));
    }
    return out;
  }

  std::optional<CompiledOperand> multivalue(const Operand& o) {
    auto args = arguments(o);
    if (!args) return std::nullopt;
    CompiledOperand c;
    c.transformed = true;
    for (const auto& a : *args)
      if (a.field && !c.field) { c.field = a.field; c.field_name = a.field_name; }
    auto& v = *args;
    if (o.name == "join") {
      if (o.arg) return fail("transformer 'join' does not support field arguments");
      if (v.size() != 2) return fail("join() requires exactly 2 arguments: separator and list");
      if (v[0].is_list()) return fail("join() first argument (separator) must be a single value, not a list");
      if (!v[1].is_list()) return fail("join() second argument must be a list");
      c.extractor = make_join(std::move(v[0].extractor), std::move(v[1].extractor));
      return c;
    }
    if (o.name == "concat") {
      if (o.arg) return fail("transformer 'concat' does not support field arguments");
      if (v.size() < 2) return fail("concat() requires at least 2 arguments");
      std::vector<ExtractorPtr> parts;
      for (auto& a : v) {
        if (a.type() != FieldType::CHARBUF || a.is_list()) return fail("concat() arguments must be strings");
        parts.push_back(std::move(a.extractor));
      }
      c.extractor = make_concat(std::move(parts));
      return c;
    }
    if (v.size() != 2) return fail("getopt() requires exactly 2 arguments: args list and optstring");
    if (!v[0].is_list()) return fail("getopt() first argument must be a list");
    if (v[1].is_list()) return fail("getopt() second argument (optstring) must be a single value");
    if (v[0].type() != FieldType::CHARBUF || v[1].type() != FieldType::CHARBUF)
      return fail("getopt() arguments must be strings");
    std::optional<char> selector;
    if (o.arg) {
      if (o.arg->size() != 1) return fail("getopt() field argument must be a single option character");
      selector = (*o.arg)[0];
    }
    c.extractor = make_getopt(std::move(v[0].extractor), std::move(v[1].extractor), selector);
    return c;
  }
};

}  // namespace

std::optional<CompiledOperand> compile_operand(const ast::Operand& operand,
                                               const FieldResolver& resolver, std::string* error) {
  Builder b{resolver, error};
  return b.operand(operand);
}

}  // namespace eg
