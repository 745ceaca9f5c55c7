namespace Dakla06.IntegrationTests.Matrix;

public class RealmColumnsTests
{
    [Fact]
    public void The_access_matrix_has_one_column_per_demo_user_of_the_realm() =>
        Assert.Equal(AccessMatrix.RealmUsers().Order(StringComparer.Ordinal), AccessMatrix.Users.Select(u => u.Name).Order(StringComparer.Ordinal));
}
