using Dakla06.Contracts.Cleansing;
using Dakla06.Directives.Domain;

namespace Dakla06.UnitTests.Directives;

public class RegistryQualityTests
{
    private static readonly Guid AssignmentId = Guid.Parse("01939a4e-7c1b-7f00-8a55-3c2d9e0f1a2b");

    private static RegistryQualityTaskProgressed Progressed(int total, int closed) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, "24136", AssignmentId, "absent", "Vắng mặt tại nơi cư trú", total, closed, total - closed);

    [Fact]
    public void One_task_per_assignment_and_commune()
    {
        var assigned = new RegistryQualityTaskAssigned(Guid.NewGuid(), DateTimeOffset.UtcNow, "24136", AssignmentId, "absent", "Vắng mặt tại nơi cư trú",
            "643", new DateOnly(2027, 1, 31), 1254, 1254, "bmt.officer");
        Assert.Equal("01939a4e-7c1b-7f00-8a55-3c2d9e0f1a2b:24136", RegistryQuality.SourceId(assigned));
        Assert.Equal(RegistryQuality.SourceId(assigned), RegistryQuality.SourceId(Progressed(3, 1)));
        Assert.NotEqual(RegistryQuality.SourceId(assigned), RegistryQuality.SourceId(assigned with { UnitCode = "24118" }));
        Assert.Equal("LS-3C2D9E0F1A2B", RegistryQuality.DocumentNumber(assigned));
        Assert.Equal("Giao 1.254 trường hợp chưa xử lý", RegistryQuality.AssignedNote(assigned));
        Assert.True(RegistryQuality.IsRegistryQuality("registry-quality"));
        Assert.False(RegistryQuality.IsRegistryQuality("statistics-shortfall"));
    }

    [Theory]
    [InlineData(3, 1, 33, "Đã làm sạch 1/3 (đạt 33,33%)")]
    [InlineData(3, 3, 100, "Đã làm sạch 3/3 (đạt 100%)")]
    [InlineData(2000, 1999, 99, "Đã làm sạch 1.999/2.000 (đạt 99,95%)")]
    [InlineData(0, 0, 100, "Đã làm sạch 0/0 (đạt 100%)")]
    public void Progress_reads_as_the_reports_write_it_and_reaches_100_only_when_every_item_is_closed(int total, int closed, int percent, string note)
    {
        Assert.Equal(percent, RegistryQuality.Percent(Progressed(total, closed)));
        Assert.Equal(note, RegistryQuality.ProgressNote(Progressed(total, closed)));
    }
}
