// The statement templates built into ontime: statements/templates/*.mustache,
// compiled in at build time (cmake/EmbedTemplates.cmake) so an installed
// binary needs no template files. `ontime statement --templates DIR` reads
// an organisation's own instead.
#ifndef ONTIME_STATEMENTS_STATEMENT_TEMPLATES_H_
#define ONTIME_STATEMENTS_STATEMENT_TEMPLATES_H_

#include <string_view>

namespace ontime {

extern const std::string_view kBuiltInMarkdownTemplate;
extern const std::string_view kBuiltInHtmlTemplate;

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_TEMPLATES_H_
