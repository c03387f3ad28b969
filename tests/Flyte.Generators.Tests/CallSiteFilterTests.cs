using Flyte.Generators.Parsing;

namespace Flyte.Generators.Tests;

/// <summary>A call site is bound only when its name is the name of a task method of the compilation.</summary>
public class CallSiteFilterTests
{
    [Fact]
    public void Only_names_of_task_and_workflow_methods_pass_the_filter()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", """
            using Flyte;
            namespace Demo;
            public static partial class Pipeline
            {
                [Task] public static int Square(int x) => x * x;
                [Workflow] public static int Twice(int x) => Square(x) + Square(x);
                public static int Helper(int x) => x;
            }
            """));
        var known = KnownTypes.For(compilation);

        Assert.True(known.MayBeTaskName("Square"));
        Assert.True(known.MayBeTaskName("Twice"));
        Assert.False(known.MayBeTaskName("Helper"));
        Assert.False(known.MayBeTaskName("WriteLine"));
        Assert.Same(known, KnownTypes.For(compilation));
    }
}
