using Dakla06.Benchmarks;

// ./dakla06 bench [-- options]             → the directives summary benchmark (DirectivesBenchmark)
// ./dakla06 bench cleansing [-- options]   → the cleansing throughput and accuracy benchmark (CleansingBenchmark)
// ./dakla06 bench statistics [-- options]  → the statistics import and indicators benchmark (StatisticsBenchmark)
// ./dakla06 bench enrolment [-- options]   → the enrolment imports and funnel benchmark (EnrolmentBenchmark)
// ./dakla06 bench messaging [-- options]   → the event path (outbox → relay → inbox) against raw MassTransit (MessagingBenchmark)
// ./dakla06 bench api [-- options]         → the authenticated API path against its SQL floor (ApiBenchmark)
// Not tests: they measure, print a table and (cleansing) exit non-zero when a target is missed.
return args switch
{
    ["cleansing", .. var rest] => await CleansingBenchmark.RunAsync(rest),
    ["statistics", .. var rest] => await StatisticsBenchmark.RunAsync(rest),
    ["enrolment", .. var rest] => await EnrolmentBenchmark.RunAsync(rest),
    ["messaging", .. var rest] => await MessagingBenchmark.RunAsync(rest),
    ["api", .. var rest] => await ApiBenchmark.RunAsync(rest),
    ["directives", .. var rest] => await DirectivesBenchmark.RunAsync(rest),
    _ => await DirectivesBenchmark.RunAsync(args),
};
