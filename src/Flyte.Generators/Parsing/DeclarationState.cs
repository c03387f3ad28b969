using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>
/// Everything of a compilation that a task's parse result can depend on besides its own method: every declaration
/// (types, members, signatures, attributes, initializers: the source outside member bodies), in file order, the
/// references and the options. Two compilations in the same state bind every declaration alike, so a task method whose
/// syntax node is the same object in both parses the same in both. See docs/generator-incrementality.md.
/// </summary>
internal sealed class DeclarationState
{
    private static readonly ConditionalWeakTable<Compilation, DeclarationState> ByCompilation = new();

    /// <summary>Per syntax tree, a hash of its declarations. A tree no edit touched is the same object in the next
    /// compilation, so after an edit only the edited file is hashed again.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, string> TreeHashes = new();

    private readonly string _declarations;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly string? _assemblyName;

    private DeclarationState(Compilation compilation)
    {
        var all = new StringBuilder();
        foreach (var tree in compilation.SyntaxTrees)
        {
            all.Append(TreeHashes.GetValue(tree, HashDeclarations)).Append('\n');
        }
        _declarations = Sha256(all.ToString());
        _references = compilation.References.ToImmutableArray();
        _options = compilation.Options;
        _assemblyName = compilation.AssemblyName;
    }

    public static DeclarationState For(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new DeclarationState(c));

    /// <summary>References are compared as objects: an IDE keeps a reference's object while its file is unchanged,
    /// and a new object only costs a parse.</summary>
    public bool SameAs(DeclarationState other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (_declarations != other._declarations || _assemblyName != other._assemblyName
            || !_options.Equals(other._options) || _references.Length != other._references.Length)
        {
            return false;
        }
        for (int i = 0; i < _references.Length; i++)
        {
            if (!ReferenceEquals(_references[i], other._references[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static string HashDeclarations(SyntaxTree tree)
    {
        var text = new StringBuilder();
        text.Append(tree.FilePath).Append('\n');
        foreach (var token in tree.GetRoot().DescendantTokens(node => !IsMemberBody(node)))
        {
            text.Append(token.Text).Append(' ');
        }
        return Sha256(text.ToString());
    }

    /// <summary>The code of a method, constructor, operator, accessor or computed property: what runs, not what is
    /// declared. Initializers of fields and properties are declarations here, as they give records their defaults.</summary>
    private static bool IsMemberBody(SyntaxNode node) =>
        node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
            ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax } => true,
            _ => false,
        };

    private static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
