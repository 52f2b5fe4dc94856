using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MarkdownBench;

// dotnet bench/Markdown/bin/Release/net10.0/MarkdownBench.dll [--quick] [--artifacts DIR] [--interleaved ROUNDS]
// In process (no generated project to build under the repository's strict build rules). --quick runs each
// benchmark once, to prove it still runs; the full run takes 10 measured iterations after 3 warm-ups.
// --interleaved times Markdig and ToSafeHtml alternately instead, call after call, and prints the medians:
// on a shared machine, load that comes and goes then falls on both sides alike.
if (args.Contains("--interleaved"))
{
    var rounds = int.TryParse(args.SkipWhile(a => a != "--interleaved").Skip(1).FirstOrDefault(), out var r) ? r : 200;
    Interleaved.Run(rounds);
    return 0;
}

var quick = args.Contains("--quick");
var artifacts = args.SkipWhile(a => a != "--artifacts").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "markdown-bench");
var job = (quick ? Job.Dry : Job.Default.WithWarmupCount(3).WithIterationCount(10))
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddExporter(JsonExporter.Brief)
    .WithArtifactsPath(artifacts)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summaries = BenchmarkRunner.Run([typeof(SpecText), typeof(HostileInputs), typeof(MathFormula)], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
