using System.Globalization;
using Npgsql;

namespace Dakla06.IntegrationTests.Support;

/// <summary>Reads a service's own database directly, for asserting what it stored.</summary>
public static class TestSql
{
    /// <summary>The first column of the first row as a number (counts, mostly); parameters by name.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }
}
