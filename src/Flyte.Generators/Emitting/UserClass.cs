using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>Reopens a user's partial class (its namespace, then each enclosing type, outermost first) and closes it again.</summary>
internal static class UserClass
{
    public static void Open(SourceWriter w, string ns, EquatableArray<string> enclosingTypeDeclarations)
    {
        if (ns.Length > 0)
        {
            w.Open($"namespace {ns}");
        }
        foreach (string declaration in enclosingTypeDeclarations)
        {
            w.Open(declaration);
        }
    }

    public static void Close(SourceWriter w, string ns, EquatableArray<string> enclosingTypeDeclarations)
    {
        foreach (string _ in enclosingTypeDeclarations)
        {
            w.Close();
        }
        if (ns.Length > 0)
        {
            w.Close();
        }
    }
}
