// StandardIndex and Symbol are distinct types: neither converts into the
// other, nor silently from or to a plain integer. Conversions are explicit
// (Index, StandardAt, SymbolAt).
#include <gtest/gtest.h>

#include <cstdint>
#include <type_traits>

#include "absl/container/flat_hash_set.h"
#include "engine/outcome.h"
#include "engine/symbol_table.h"

namespace ontime {
namespace {

static_assert(!std::is_convertible_v<Symbol, StandardIndex>);
static_assert(!std::is_convertible_v<StandardIndex, Symbol>);
static_assert(!std::is_convertible_v<int, StandardIndex>);
static_assert(!std::is_convertible_v<int, Symbol>);
static_assert(!std::is_convertible_v<uint16_t, StandardIndex>);
static_assert(!std::is_convertible_v<uint16_t, Symbol>);
static_assert(!std::is_convertible_v<StandardIndex, int>);
static_assert(!std::is_convertible_v<Symbol, int>);
static_assert(!std::is_convertible_v<StandardIndex, size_t>);
static_assert(!std::is_convertible_v<Symbol, size_t>);
static_assert(!std::is_same_v<Symbol, StandardIndex>);
// Two bytes each: a contact's attributes and an aggregate key stay packed.
static_assert(sizeof(Symbol) == 2 && sizeof(StandardIndex) == 2);

static_assert(Index(StandardAt(7)) == 7);
static_assert(Index(SymbolAt(65535)) == 65535);
static_assert(StandardAt(1) < StandardAt(2));
static_assert(SymbolAt(3) == SymbolAt(3));
static_assert(Index(StandardIndex{}) == 0 && Index(Symbol{}) == 0);
static_assert(SymbolTable::kNone == Symbol{});

TEST(StrongTypes, OrderAndHashAsTheirNumbers) {
  EXPECT_LT(StandardAt(1), StandardAt(300));
  EXPECT_NE(SymbolAt(1), SymbolAt(2));
  absl::flat_hash_set<StandardIndex> standards = {StandardAt(0), StandardAt(1), StandardAt(0)};
  absl::flat_hash_set<Symbol> symbols = {SymbolAt(5), SymbolAt(6)};
  EXPECT_EQ(standards.size(), 2u);
  EXPECT_TRUE(symbols.contains(SymbolAt(6)));
  EXPECT_FALSE(symbols.contains(SymbolAt(7)));
}

TEST(StrongTypes, SymbolTableHandsOutSymbols) {
  SymbolTable table;
  const Symbol housing = table.Intern("housing");
  EXPECT_EQ(table.Find("housing"), housing);
  EXPECT_EQ(table.Name(housing), "housing");
  EXPECT_EQ(Index(housing), 2u);  // after "" and "(other)"
  EXPECT_EQ(table.Intern(""), SymbolTable::kNone);
}

}  // namespace
}  // namespace ontime
