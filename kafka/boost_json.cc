// Boost.JSON compiled once, here, instead of linking a separate library
// (it reads librdkafka's statistics).
#include <boost/json/src.hpp>
