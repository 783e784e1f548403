#include "EngineKernels.h"

#include <string.h>

// Each kernel is built for AVX-512, AVX2 and the baseline; the loader picks the widest the CPU
// has. Only where the toolchain and the object format support it (x86-64 ELF).
#if defined(__x86_64__) && defined(__ELF__) && !defined(NBPSCOPE_NO_CLONES)
#define NBP_CLONES __attribute__((target_clones("avx512bw", "avx2", "default")))
#else
#define NBP_CLONES
#endif

// Wrapping arithmetic without undefined behaviour: add and shift as unsigned.
static inline int32_t wrapping_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/// The low `bits` bits of x, sign-extended (two's complement wrap to `bits`).
static inline int32_t wrap_bits(int32_t x, int32_t bits) {
  int32_t shift = 32 - bits;
  return (int32_t)((uint32_t)x << shift) >> shift;
}

NBP_CLONES
void nbp_accumulate_rows(
    const int32_t *weights, ptrdiff_t width, const int32_t *pres, ptrdiff_t count, int32_t base,
    int32_t *restrict destination) {
  // Several rows per pass over the accumulators (wrapping sums are the same in any order), so
  // each accumulator is loaded and stored once per four rows.
  ptrdiff_t k = 0;
  for (; k + 4 <= count; k += 4) {
    const int32_t *restrict a = weights + (ptrdiff_t)(pres[k] - base) * width;
    const int32_t *restrict b = weights + (ptrdiff_t)(pres[k + 1] - base) * width;
    const int32_t *restrict c = weights + (ptrdiff_t)(pres[k + 2] - base) * width;
    const int32_t *restrict d = weights + (ptrdiff_t)(pres[k + 3] - base) * width;
    for (ptrdiff_t j = 0; j < width; j++) {
      uint32_t sum = (uint32_t)a[j] + (uint32_t)b[j] + (uint32_t)c[j] + (uint32_t)d[j];
      destination[j] = (int32_t)((uint32_t)destination[j] + sum);
    }
  }
  for (; k < count; k++) {
    const int32_t *restrict a = weights + (ptrdiff_t)(pres[k] - base) * width;
    for (ptrdiff_t j = 0; j < width; j++) destination[j] = wrapping_add(destination[j], a[j]);
  }
}

enum { block = 256 };

/// Appends the numbers of the neurons whose flag is set, in order, eight flags at a time: each
/// lane writes its number at the next free place and advances only if it fired (no branch per
/// neuron); a write past the final count stays below `*count + length`.
static inline int32_t append_fired(const uint8_t *fired, ptrdiff_t length, int32_t number, int32_t *spikes, int32_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t flags;
    memcpy(&flags, fired + i, sizeof flags);
    if (flags == 0) continue;
    for (int lane = 0; lane < 8; lane++) {
      spikes[n] = number + (int32_t)(i + lane);
      n += fired[i + lane];
    }
  }
  for (; i < length; i++) {
    spikes[n] = number + (int32_t)i;
    n += fired[i];
  }
  return n;
}

/// `sgn(x) · floor(|x| · keep / 4096)` (`FixedPoint.decay`), in 32-bit lanes: |x| = a·4096 + b
/// gives a·keep + floor(b·keep / 4096), and neither product overflows 32 unsigned bits.
static inline int32_t decay(int32_t x, uint32_t keep) {
  uint32_t magnitude = x < 0 ? 0u - (uint32_t)x : (uint32_t)x;
  uint32_t kept = (magnitude >> 12) * keep + (((magnitude & 4095u) * keep) >> 12);
  return x < 0 ? (int32_t)(0u - kept) : (int32_t)kept;
}

/// The one compartment update behind both kernels. `decays` is a constant at each call, so the
/// memoryless kernel compiles without the decays and without reading u and v: decay(x, 0) = 0
/// and a 22-bit q is its own 24-bit wrap, so it computes the same values.
static inline __attribute__((always_inline)) int update(
    const nbp_population *population, ptrdiff_t size, int32_t *restrict input, int32_t *restrict current,
    int32_t *restrict voltage, int32_t *restrict refractory, int32_t *restrict spikes, int32_t *count,
    const int decays) {
  const int32_t bias = population->bias, threshold = population->threshold;
  const int32_t v_min = population->voltage_min, v_max = population->voltage_max;
  const int32_t restart = population->refractory_delay - 1;
  const int32_t input_bits = population->input_bits, current_bits = population->current_bits;
  const uint32_t current_keep = (uint32_t)population->current_keep;
  const uint32_t voltage_keep = (uint32_t)population->voltage_keep;
  int32_t holds = 0;
  int32_t n = *count;
  // A block's update is one vectorised loop that also writes a fired flag per compartment;
  // the spike list is then built from the flags, eight at a time, skipping quiet runs.
  uint8_t fired[block];
  for (ptrdiff_t first = 0; first < size; first += block) {
    ptrdiff_t length = size - first < block ? size - first : block;
    int32_t *restrict in = input + first, *restrict u = current + first;
    int32_t *restrict v = voltage + first, *restrict r = refractory + first;
    int any = 0;
    for (ptrdiff_t i = 0; i < length; i++) {
      int32_t q = wrap_bits(in[i], input_bits);
      in[i] = 0;
      int32_t next_u = decays ? wrap_bits(wrapping_add(decay(u[i], current_keep), q), current_bits) : q;
      u[i] = next_u;
      int32_t drive = wrap_bits(wrapping_add(next_u, bias), current_bits);
      int32_t potential = decays ? wrapping_add(decay(v[i], voltage_keep), drive) : drive;
      potential = potential < v_min ? v_min : (potential > v_max ? v_max : potential);
      int32_t hold = r[i];
      if (!decays) holds |= hold;  // only a memoryless population can rest
      potential = hold > 0 ? 0 : potential;
      int fire = potential > threshold;
      int32_t next_hold = hold - 1 > 0 ? hold - 1 : 0;
      v[i] = fire ? 0 : potential;
      r[i] = fire ? restart : next_hold;
      fired[i] = (uint8_t)fire;
      any |= fire;
    }
    if (!any) continue;
    n = append_fired(fired, length, population->neuron_base + (int32_t)first, spikes, n);
  }
  *count = n;
  return holds > 0;
}

NBP_CLONES
int nbp_update_lif(
    const nbp_population *population, ptrdiff_t size, int32_t *restrict input, int32_t *restrict current,
    int32_t *restrict voltage, int32_t *restrict refractory, int32_t *restrict spikes, int32_t *count) {
  return update(population, size, input, current, voltage, refractory, spikes, count, 1);
}

NBP_CLONES
int nbp_update_memoryless(
    const nbp_population *population, ptrdiff_t size, int32_t *restrict input, int32_t *restrict current,
    int32_t *restrict voltage, int32_t *restrict refractory, int32_t *restrict spikes, int32_t *count) {
  return update(population, size, input, current, voltage, refractory, spikes, count, 0);
}
