using Flyteidl2.Core;
using Google.Protobuf.Reflection;

namespace Flyte.Idl.Tests;

/// <summary>Field numbers and names checked against the descriptors of the real flyteidl2 schema.</summary>
public class SchemaShapeTests
{
    [Theory]
    [InlineData("flyteidl2.core.TaskTemplate", "container", 6)]
    [InlineData("flyteidl2.core.TaskTemplate", "metadata", 3)]
    [InlineData("flyteidl2.core.TaskTemplate", "interface", 4)]
    [InlineData("flyteidl2.core.TaskTemplate", "config", 16)]
    [InlineData("flyteidl2.core.Literal", "scalar", 1)]
    [InlineData("flyteidl2.core.Literal", "collection", 2)]
    [InlineData("flyteidl2.core.Literal", "map", 3)]
    [InlineData("flyteidl2.core.Scalar", "binary", 3)]
    [InlineData("flyteidl2.core.Binary", "tag", 2)]
    [InlineData("flyteidl2.task.TaskSpec", "task_template", 1)]
    [InlineData("flyteidl2.task.TaskSpec", "short_name", 3)]
    [InlineData("flyteidl2.task.Inputs", "literals", 1)]
    [InlineData("flyteidl2.workflow.CreateRunRequest", "run_id", 1)]
    [InlineData("flyteidl2.workflow.CreateRunRequest", "task_spec", 3)]
    [InlineData("flyteidl2.workflow.CreateRunRequest", "offloaded_input_data", 9)]
    [InlineData("flyteidl2.core.RuntimeMetadata", "flavor", 3)]
    public void Field_has_its_schema_number(string messageName, string fieldName, int expectedNumber)
    {
        MessageDescriptor message = FindMessage(messageName);
        FieldDescriptor? field = message.FindFieldByName(fieldName);

        Assert.NotNull(field);
        Assert.Equal(expectedNumber, field.FieldNumber);
    }

    [Fact]
    public void Run_phases_have_their_protocol_numbers()
    {
        var phases = Flyteidl2.Common.PhaseReflection.Descriptor.FindTypeByName<EnumDescriptor>("ActionPhase");

        Assert.Equal(1, phases.FindValueByName("ACTION_PHASE_QUEUED").Number);
        Assert.Equal(4, phases.FindValueByName("ACTION_PHASE_RUNNING").Number);
        Assert.Equal(5, phases.FindValueByName("ACTION_PHASE_SUCCEEDED").Number);
        Assert.Equal(8, phases.FindValueByName("ACTION_PHASE_TIMED_OUT").Number);
    }

    [Fact]
    public void Every_schema_file_was_generated()
    {
        // The npm package holds 84 descriptors: flyteidl2 plus buf/validate and google/api, google/rpc.
        Assert.Equal("flyteidl2/core/tasks.proto", TasksReflection.Descriptor.Name);
        Assert.Contains(TasksReflection.Descriptor.Dependencies, d => d.Name == "flyteidl2/core/interface.proto");
        Assert.Contains(TasksReflection.Descriptor.Dependencies, d => d.Name == "google/protobuf/duration.proto");
        Assert.Equal("buf/validate/validate.proto", Buf.Validate.ValidateReflection.Descriptor.Name);
    }

    private static MessageDescriptor FindMessage(string fullName)
    {
        FileDescriptor[] files =
        [
            TasksReflection.Descriptor,
            LiteralsReflection.Descriptor,
            Flyteidl2.Task.TaskDefinitionReflection.Descriptor,
            Flyteidl2.Task.CommonReflection.Descriptor,
            Flyteidl2.Workflow.RunServiceReflection.Descriptor,
        ];
        var registry = TypeRegistry.FromFiles(files);
        return registry.Find(fullName) ?? throw new InvalidOperationException($"{fullName} is not in the schema");
    }
}
