using Dakla06.Contracts.Http.Cleansing;
using static Dakla06.IntegrationTests.Cleansing.PlantedRegistry;

namespace Dakla06.IntegrationTests.Cleansing;

/// <summary>
/// The registry-quality rules on a registry with planted errors: each rule finds exactly the planted cases after the
/// import, a later import that fixes some closes their items by itself (outcome fixed) and opens the new ones, a file
/// without the optional columns keeps the stored values, and the figures follow.
/// </summary>
public sealed class RegistryQualityRuleTests(RegistryQualityFixture fixture) : IClassFixture<RegistryQualityFixture>
{
    [Fact]
    public async Task Rules_find_the_planted_errors_and_a_later_import_closes_the_fixed_ones()
    {
        var cleanser = await fixture.ClientForAsync("province.cleanser");
        await ImportAsync(cleanser, All);

        foreach (var (category, count) in Expected)
        {
            Assert.True(count == (await ItemsAsync(cleanser, category, QualityItemStatuses.Open)).Count, $"{category}: {count} open items expected");
        }

        var noHead = await ItemsAsync(cleanser, QualityCategories.HouseholdNoHead);
        Assert.Equal([C.HouseholdId, L.HouseholdId], noHead.Select(i => i.HouseholdId).Order());
        Assert.Equal(E.HouseholdId, Assert.Single(await ItemsAsync(cleanser, QualityCategories.HouseholdManyHeads)).HouseholdId);
        var missing = await ItemsAsync(cleanser, QualityCategories.MissingFields);
        Assert.Equal(["dan_toc", "que_quan"], missing.Single(i => i.IdNumber == G.IdNumber).MissingFields);
        Assert.Equal(["quan_he_chu_ho"], missing.Single(i => i.IdNumber == O.IdNumber).MissingFields);
        Assert.Equal(TanLap, missing.Single(i => i.IdNumber == O.IdNumber).CommuneCode);
        Assert.Equal(I.IdNumber, Assert.Single(await ItemsAsync(cleanser, QualityCategories.OldIdMissing)).IdNumber);
        var pair = Assert.Single(await ItemsAsync(cleanser, QualityCategories.DuplicatePerson));
        Assert.Equal([M.IdNumber, N.IdNumber], new[] { pair.IdNumber!, pair.OtherIdNumber! }.Order());

        var before = await ProgressAsync(cleanser, "66");
        Assert.Equal(2, Figure(before.Unit, QualityCategories.HouseholdNoHead).Found);
        Assert.Equal(7, before.Unit.Total.Found);
        Assert.Equal(0, before.Unit.Total.Closed);

        // Fixed in the registry: C becomes H2's head, G's fields are filled, I's old ID recorded; and a new error: A's
        // religion cleared (an empty cell clears the stored value).
        await ImportAsync(cleanser, [
            C with { IsHouseholdHead = true },
            G with { Details = B.Details },
            I with { OldIdNumber = "249999999" },
            A with { Details = A.Details! with { Religion = string.Empty } },
        ]);

        var closedNoHead = (await ItemsAsync(cleanser, QualityCategories.HouseholdNoHead)).Single(i => i.HouseholdId == C.HouseholdId);
        Assert.Equal(QualityItemStatuses.Closed, closedNoHead.Status);
        Assert.Equal(QualityOutcomes.Fixed, closedNoHead.Outcome);
        Assert.Equal("system", closedNoHead.ClosedBy);
        Assert.Equal(QualityOutcomes.Fixed, (await ItemsAsync(cleanser, QualityCategories.OldIdMissing)).Single().Outcome);
        var missingNow = await ItemsAsync(cleanser, QualityCategories.MissingFields, QualityItemStatuses.Open);
        Assert.Equal([A.IdNumber, O.IdNumber], missingNow.Select(i => i.IdNumber).Order());
        Assert.Equal(["ton_giao"], missingNow.Single(i => i.IdNumber == A.IdNumber).MissingFields);

        var after = await ProgressAsync(cleanser, "66", byChild: true);
        var missingFigure = Figure(after.Unit, QualityCategories.MissingFields);
        Assert.Equal((3, 1, 2, 1), (missingFigure.Found, missingFigure.Closed, missingFigure.Open, missingFigure.Fixed));
        Assert.Equal("1/3 (33,3%)", missingFigure.Figure);
        Assert.Equal(8, after.Unit.Total.Found);
        Assert.Equal(3, after.Unit.Total.Closed);
        var buonMaThuot = after.Children.Single(c => c.UnitCode == "643");
        Assert.Equal(8, buonMaThuot.Total.Found);
        Assert.All(after.Children.Where(c => c.UnitCode != "643"), c => Assert.Equal(0, c.Total.Found));

        // A file without the optional columns keeps G's details: no missing_fields item comes back.
        await ImportAsync(cleanser, [G with { FullName = "Hồ Thị Giang Hương" }], withDetails: false);
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM persons WHERE id_number = @id AND ethnicity = 'Kinh' AND place_of_origin IS NOT NULL AND full_name = 'Hồ Thị Giang Hương'",
            ("id", G.IdNumber)));
        Assert.DoesNotContain(await ItemsAsync(cleanser, QualityCategories.MissingFields, QualityItemStatuses.Open), i => i.IdNumber == G.IdNumber);
    }
}
