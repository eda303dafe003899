/** The task request bodies are defined once, with their routes, in core/hubApi/tasks.ts. */
export { AssignBody, CreateTaskBody, TaskItemBody } from '../../core/hubApi/tasks';
