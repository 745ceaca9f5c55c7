using System.Text;

namespace Dakla06.Testing;

internal static class TestNames
{
    /// <summary>prefix (lower case letters, digits, '_' only) + separator + 8 random hex digits.</summary>
    public static string Unique(string prefix, int maxLength, char separator = '_')
    {
        var sb = new StringBuilder();
        foreach (var ch in prefix.ToLowerInvariant())
        {
            sb.Append(ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? ch : '_');
        }

        if (sb.Length == 0 || !char.IsLetter(sb[0]))
        {
            sb.Insert(0, 't');
        }

        var suffix = separator + Guid.NewGuid().ToString("N")[..8];
        var head = sb.ToString();
        if (head.Length + suffix.Length > maxLength)
        {
            head = head[..(maxLength - suffix.Length)];
        }

        return head + suffix;
    }
}
