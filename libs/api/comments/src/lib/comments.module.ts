import { Module } from '@nestjs/common';
import { CommentsController, TaskCommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

/** Comments on tasks; authorization through the global ProjectsModule's ProjectAccess. */
@Module({
  controllers: [TaskCommentsController, CommentsController],
  providers: [CommentsRepository, CommentsService],
})
export class CommentsModule {}
