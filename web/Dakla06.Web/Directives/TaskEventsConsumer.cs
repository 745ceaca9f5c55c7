using Dakla06.Contracts.Directives;
using Dakla06.Web.Shared;
using MassTransit;

namespace Dakla06.Web.Directives;

/// <summary>Receives the task events on this process's own temporary queue and hands them to the open circuits.</summary>
public sealed class TaskEventsConsumer(CircuitNotifier<TaskChange> notifier) :
    IConsumer<TaskAssigned>,
    IConsumer<TaskStarted>,
    IConsumer<TaskReported>,
    IConsumer<TaskAccepted>,
    IConsumer<TaskReturned>,
    IConsumer<TaskReminderSent>,
    IConsumer<TaskOverdue>
{
    public Task Consume(ConsumeContext<TaskAssigned> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, $"Nhiệm vụ mới: {context.Message.Title}");

    public Task Consume(ConsumeContext<TaskStarted> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, null);

    public Task Consume(ConsumeContext<TaskReported> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, null);

    public Task Consume(ConsumeContext<TaskAccepted> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, null);

    public Task Consume(ConsumeContext<TaskReturned> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, null);

    public Task Consume(ConsumeContext<TaskReminderSent> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, $"Đôn đốc: {context.Message.Title}");

    public Task Consume(ConsumeContext<TaskOverdue> context) =>
        Publish(context.Message.TaskId, context.Message.UnitCode, context.Message.AssignerUnitCode, null);

    private Task Publish(Guid taskId, string unitCode, string assignerUnitCode, string? announcement) =>
        notifier.PublishAsync(new TaskChange(taskId, unitCode, assignerUnitCode, announcement));
}
