using System.Data;
using Dapper;

namespace Dakla06.ServiceDefaults.Persistence;

/// <summary>
/// Lets Dapper rows declare <c>timestamptz</c> columns as <see cref="DateTimeOffset"/>: Npgsql reads them as UTC
/// <see cref="DateTime"/> values, which Dapper cannot turn into offsets by itself, and writes offsets only at UTC.
/// Registered once by <c>AddServiceDatabase</c>, so no store or endpoint converts instants by hand.
/// </summary>
public sealed class TimestampTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    private static int _registered;

    /// <summary>Registers the handler (once per process).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new TimestampTypeHandler());
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset offset => offset,
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as a timestamptz instant."),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value.UtcDateTime;
    }
}
