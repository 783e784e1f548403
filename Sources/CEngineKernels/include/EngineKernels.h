// The emulator's two innermost loops, in C for one reason: GCC/Clang can build each loop for
// several instruction sets and pick one when the program loads (`target_clones`), which Swift
// cannot. The semantics are those of `Chip.swift` (route, memoryless update) and are checked
// tick for tick against `ReferenceChip` by the Loihi tests.
#ifndef NBPSCOPE_ENGINE_KERNELS_H
#define NBPSCOPE_ENGINE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Adds, for each of `count` spiking pres (chip-wide numbers minus `base` give their rows), the
/// weight row `weights + row * width` into `destination[0..<width]`, with wrapping 32-bit sums.
void nbp_accumulate_rows(
    const int32_t *weights, ptrdiff_t width, const int32_t *pres, ptrdiff_t count, int32_t base,
    int32_t *destination);

/// The constants of one compartment population (CUBA LIF).
typedef struct {
  int32_t bias;
  int32_t threshold;
  int32_t refractory_delay;
  int32_t voltage_min;
  int32_t voltage_max;
  /// Bit widths of the dendritic input and of u (sign-extended from these).
  int32_t input_bits;
  int32_t current_bits;
  /// The population's first chip-wide neuron number.
  int32_t neuron_base;
  /// `4096 − du` and `4096 − dv`: what a decay multiplies by before shifting right by 12.
  int32_t current_keep;
  int32_t voltage_keep;
} nbp_population;

/// One tick of a population of `size` compartments (arrays start at its first compartment):
/// consumes `input`; u = wrap24(decay(u) + wrap22(input)), v = clamp(decay(v) + wrap24(u + bias)),
/// held at 0 while refractory; appends the numbers of the neurons that spike to `spikes` starting
/// at `*count`, in ascending order, and advances `*count`. Places in `spikes` past the final
/// count up to `size` further may be overwritten. Returns whether any compartment started the
/// tick held by its refractory counter.
int nbp_update_lif(
    const nbp_population *population, ptrdiff_t size, int32_t *input, int32_t *current,
    int32_t *voltage, int32_t *refractory, int32_t *spikes, int32_t *count);

/// ``nbp_update_lif`` for a population with du = dv = 4096, whose decays are 0: u = wrap22(input)
/// and v = clamp(wrap24(u + bias)), without reading u and v (the keeps are ignored).
int nbp_update_memoryless(
    const nbp_population *population, ptrdiff_t size, int32_t *input, int32_t *current,
    int32_t *voltage, int32_t *refractory, int32_t *spikes, int32_t *count);

#endif
