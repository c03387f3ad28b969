using System.Text.RegularExpressions;
using Flyte.Devbox.State;
using Flyteidl2.Common;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// Identifiers from requests, checked before they reach the database or become folder names: names are lowercase
/// letters, digits, '-', '_' and '.', so none can climb out of the devbox's folders.
/// </summary>
public static partial class Keys
{
    public static RunKey Run(RunIdentifier? id)
    {
        if (id is null)
        {
            throw Invalid("run_id is required");
        }
        return new RunKey(id.Org, Name(id.Project, "project"), Name(id.Domain, "domain"), Name(id.Name, "run name"));
    }

    public static ActionKey Action(ActionIdentifier? id)
    {
        if (id is null)
        {
            throw Invalid("action_id is required");
        }
        return new ActionKey(Run(id.Run), Name(id.Name, "action name"));
    }

    public static string Name(string value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid($"{what} is required");
        }
        if (!SafeName().IsMatch(value))
        {
            throw Invalid($"{what} '{value}' is not valid: use lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, at most 63 characters");
        }
        return value;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
