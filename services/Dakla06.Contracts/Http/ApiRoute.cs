using System.Text;

namespace Dakla06.Contracts.Http;

/// <summary>
/// Routes are declared once, as the templates the service maps (<c>/tasks/{id:guid}/start</c>); clients fill the same
/// templates, so a renamed route changes both sides.
/// </summary>
public static class ApiRoute
{
    /// <summary>
    /// <paramref name="root"/> + <paramref name="template"/> with each <c>{parameter}</c> replaced, in order, by the next
    /// value (escaped; dates as <c>yyyy-MM-dd</c>).
    /// </summary>
    public static string Fill(string root, string template, params object[] values)
    {
        var path = new StringBuilder(root.Length + template.Length + 40).Append(root);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                path.Append(template[i]);
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0 || next >= values.Length)
            {
                throw new ArgumentException($"Route '{template}' needs more values than the {values.Length} given.", nameof(values));
            }

            path.Append(Uri.EscapeDataString(ApiQuery.Format(values[next++]) ?? string.Empty));
            i = end;
        }

        if (next != values.Length)
        {
            throw new ArgumentException($"Route '{template}' takes {next} values, not {values.Length}.", nameof(values));
        }

        return path.ToString();
    }
}
