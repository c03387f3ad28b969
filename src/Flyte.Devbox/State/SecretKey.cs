namespace Flyte.Devbox.State;

/// <summary>
/// A secret's identity and scope: the whole org when project and domain are empty, a domain when only the project is
/// empty, or one project and domain.
/// </summary>
public sealed record SecretKey(string Org, string Project, string Domain, string Name)
{
    /// <summary>What the value's encryption authenticates: the secret cannot be moved to another identity.</summary>
    public string Identity => $"{Org}/{Project}/{Domain}/{Name}";

    /// <summary>The scope in words, for messages: "project P, domain D", "domain D" or "the org".</summary>
    public string ScopeText =>
        Project.Length > 0 ? $"project {Project}, domain {Domain}"
        : Domain.Length > 0 ? $"domain {Domain}"
        : "the org";
}
