"""akhbar's benchmarks: one script per benchmark, results in docs/benchmarks.md."""
