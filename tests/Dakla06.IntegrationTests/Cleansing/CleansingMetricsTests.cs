using System.Diagnostics.Metrics;
using Dakla06.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>Data cleansing's business metrics and the batch's stage spans, read from the API host's own telemetry.</summary>
public sealed class CleansingMetricsTests(BatchTestsFixture fixture) : IClassFixture<BatchTestsFixture>
{
    [Fact]
    public async Task Validated_records_are_counted_by_class_as_their_chunks_commit_and_each_stage_of_each_chunk_is_a_span_of_the_batch()
    {
        var meters = fixture.Api.Services.GetRequiredService<IMeterFactory>();
        using var validated = new MetricCollector<long>(meters, "Dakla06.Cleansing", "dakla06.cleansing.records.validated");
        using var durations = new MetricCollector<double>(meters, "Dakla06.Cleansing", "dakla06.cleansing.batch.duration");
        using var activities = new ActivityRecorder("Dakla06.Cleansing");
        var spans = activities.Stopped;
        var officer = await fixture.ClientForAsync("province.cleanser");

        var id = (await CleansingFixture.UploadCsvAsync(officer, BatchTestsFixture.KnownBatch)).Id;
        await CleansingFixture.AwaitBatchAsync(officer, id);

        var byClass = validated.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["dakla06.record.class"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        var expected = BatchTestsFixture.ExpectedClasses.Values.GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected, byClass);
        // The run's duration is recorded just after the batch is marked completed.
        var duration = Assert.Single(await Eventually.ReturnsAsync(() => Task.FromResult(durations.GetMeasurementSnapshot()), m => m.Count > 0));
        Assert.Equal("completed", duration.Tags["dakla06.batch.status"]);

        // Nine records in chunks of three: three chunks, each classified, given suggestions and stored under the batch's span.
        var batch = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.SingleOrDefault(s => s.OperationName == "cleansing.batch" && Equals(s.GetTagItem("cleansing.batch.id"), id))),
            s => s is not null, because: "the batch's span ends");
        var stages = spans.Where(s => s.ParentSpanId == batch!.SpanId).GroupBy(s => s.OperationName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["cleansing.chunk.classify"] = 3, ["cleansing.chunk.suggest"] = 3, ["cleansing.chunk.store"] = 3 }, stages);
    }
}
