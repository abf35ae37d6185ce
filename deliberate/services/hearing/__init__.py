"""The hearing and the room's order: answers to questions, the agenda, the timer, the floor, the spotlight."""
