// The templates built into ontime: statements/templates/<name>.mustache,
// compiled in at build time (embed_templates.cmake) so an installed binary
// needs no template files. `ontime statement --templates DIR` reads an
// organisation's own instead.
#ifndef ONTIME_STATEMENTS_STATEMENT_TEMPLATES_H_
#define ONTIME_STATEMENTS_STATEMENT_TEMPLATES_H_

#include <string_view>

namespace ontime {

// "statement.md", "statement.html", "evidence.md", "evidence.html"; empty
// for any other name.
std::string_view BuiltInTemplate(std::string_view name);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_TEMPLATES_H_
