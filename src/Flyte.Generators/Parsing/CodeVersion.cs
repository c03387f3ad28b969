using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>
/// The default <c>metadata.discovery_version</c> of a task: a hash of its method's declaration (attributes,
/// signature and body) without trivia, as flyte-sdk hashes a function's syntax tree. See docs/task-versions.md.
/// </summary>
internal static class CodeVersion
{
    /// <summary>A function of the syntax alone, and a syntax tree no edit touched keeps its nodes from one compilation to
    /// the next: after an edit only the edited file's tasks are hashed again.</summary>
    private static readonly ConditionalWeakTable<MethodDeclarationSyntax, string> Hashes = new();

    public static string Of(MethodDeclarationSyntax method) => Hashes.GetValue(method, Compute);

    /// <returns>Lowercase hex SHA-256 of the declaration's tokens, joined by single spaces, line endings inside
    /// tokens (verbatim and raw strings) written as "\n".</returns>
    private static string Compute(MethodDeclarationSyntax method)
    {
        var text = new StringBuilder();
        bool first = true;
        foreach (var token in method.DescendantTokens())
        {
            if (!first)
            {
                text.Append(' ');
            }
            first = false;
            text.Append(token.Text.Replace("\r\n", "\n").Replace('\r', '\n'));
        }
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        }
        var hex = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return hex.ToString();
    }
}
