#ifndef NBPSCOPE_CZLIB_SHIM_H
#define NBPSCOPE_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2/deflateInit2 are macros over the *_ functions; Swift cannot call macros.
static inline int nbp_inflateInit2(z_stream *stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}
static inline int nbp_deflateInit2(z_stream *stream, int level, int windowBits) {
  return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
