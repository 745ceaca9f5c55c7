using Dakla06.Benchmarks;

// ./dakla06 bench [-- options]            → the directives summary benchmark (DirectivesBenchmark)
// ./dakla06 bench cleansing [-- options]  → the cleansing throughput and accuracy benchmark (CleansingBenchmark)
// Not tests: they measure, print a table and (cleansing) exit non-zero when a target is missed.
return args is ["cleansing", .. var rest]
    ? await CleansingBenchmark.RunAsync(rest)
    : await DirectivesBenchmark.RunAsync(args is ["directives", .. var others] ? others : args);
