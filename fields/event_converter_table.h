// libscap's capture-file converter table (converter.json, generated into C++):
// for an old record (code, nparams as read) what to do to obtain the current
// layout. The algorithm that applies it lives in engine/sources/event_converter.
#pragma once

#include <cstdint>
#include <span>

namespace eg {

enum class ConversionAction : uint8_t { Pass, Store, StoreAndPass, AddParams, ChangeType };
enum class ConversionInstrKind : uint8_t { FromOld, FromEnter, FromEmpty, FromDefault, FromCallback };

struct ConversionInstr {
  ConversionInstrKind kind;
  uint8_t param;             // index for FromOld / FromEnter
  bool fallback_to_empty;    // CIF_FALLBACK_TO_EMPTY (FromEnter without a stored enter)
};

struct Conversion {
  uint16_t code;             // code of the record being converted
  uint8_t nparams;           // its number of params
  ConversionAction action;
  uint16_t desired_code;     // ChangeType only
  std::span<const ConversionInstr> instrs;
};

// The entry for (code, nparams), nullptr when libscap has none.
const Conversion* find_conversion(uint16_t code, uint32_t nparams);

}  // namespace eg
