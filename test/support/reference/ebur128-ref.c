/* Independent loudness reference for the tests: libebur128 over a file decoded by libsndfile.
   Prints JSON: integrated, loudness range, momentary and short-term maxima, true and sample peak. */
#include <ebur128.h>
#include <sndfile.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double db(double x) { return x > 0 ? 20 * log10(x) : -INFINITY; }

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: ebur128-ref FILE\n"); return 64; }
  SF_INFO info = {0};
  SNDFILE *f = sf_open(argv[1], SFM_READ, &info);
  if (!f) { fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL)); return 2; }
  ebur128_state *st = ebur128_init((unsigned)info.channels, (unsigned long)info.samplerate,
      EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK | EBUR128_MODE_M | EBUR128_MODE_S);
  const size_t block = (size_t)info.samplerate / 10;
  double *buf = malloc(sizeof(double) * block * info.channels);
  double mmax = -INFINITY, smax = -INFINITY, v;
  sf_count_t n;
  while ((n = sf_readf_double(f, buf, (sf_count_t)block)) > 0) {
    ebur128_add_frames_double(st, buf, (size_t)n);
    if (ebur128_loudness_momentary(st, &v) == EBUR128_SUCCESS && v > mmax) mmax = v;
    if (ebur128_loudness_shortterm(st, &v) == EBUR128_SUCCESS && v > smax) smax = v;
  }
  double I, lra, tp = 0, sp = 0, x;
  ebur128_loudness_global(st, &I);
  ebur128_loudness_range(st, &lra);
  for (unsigned c = 0; c < (unsigned)info.channels; c++) {
    ebur128_true_peak(st, c, &x); if (x > tp) tp = x;
    ebur128_sample_peak(st, c, &x); if (x > sp) sp = x;
  }
#define J(v) (isfinite(v) ? printf("%.6f", v) : printf("null"))
  printf("{\"integrated\":"); J(I);
  printf(",\"lra\":"); J(lra);
  printf(",\"momentaryMax\":"); J(mmax);
  printf(",\"shortTermMax\":"); J(smax);
  printf(",\"truePeak\":"); J(db(tp));
  printf(",\"samplePeak\":"); J(db(sp));
  printf("}\n");
  ebur128_destroy(&st); free(buf); sf_close(f);
  return 0;
}
