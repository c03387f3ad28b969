using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>
/// The last parse result of each task method, reused while the method's syntax node is the same object and the
/// compilation's <see cref="DeclarationState"/> is the same. The compiler runs every task's transform again after any
/// edit; with this, an edit inside one method body parses only the tasks of the edited file again
/// (docs/generator-incrementality.md).
/// </summary>
internal static class ReusedParses
{
    private sealed class Parsed(DeclarationState state, TaskParseResult result)
    {
        public DeclarationState State { get; } = state;
        public TaskParseResult Result { get; } = result;
    }

    /// <summary>A method may carry both attributes (an error, reported by both pipelines): one slot each.</summary>
    private sealed class Slots
    {
        public volatile Parsed? AsTask;
        public volatile Parsed? AsWorkflow;
    }

    private static readonly ConditionalWeakTable<SyntaxNode, Slots> ByMethod = new();

    public static TaskParseResult GetOrParse(SyntaxNode method, bool isWorkflow, Compilation compilation, Func<TaskParseResult> parse)
    {
        var state = DeclarationState.For(compilation);
        var slots = ByMethod.GetValue(method, static _ => new Slots());
        var last = isWorkflow ? slots.AsWorkflow : slots.AsTask;
        if (last is not null && last.State.SameAs(state))
        {
            return last.Result;
        }
        var parsed = new Parsed(state, parse());
        if (!AllInFile(parsed.Result, method.SyntaxTree.FilePath))
        {
            // A diagnostic in another file (the environment's attribute, another part of the class) has a position that
            // an edit there moves without changing any declaration: it is made again each time.
            return parsed.Result;
        }
        if (isWorkflow)
        {
            slots.AsWorkflow = parsed;
        }
        else
        {
            slots.AsTask = parsed;
        }
        return parsed.Result;
    }

    private static bool AllInFile(TaskParseResult result, string filePath) =>
        result.Diagnostics.All(d => (d.Location is null || d.Location.FilePath == filePath) && d.AdditionalLocations.All(l => l.FilePath == filePath))
        && (result.Declaration?.Location is null || result.Declaration.Location.FilePath == filePath);
}
